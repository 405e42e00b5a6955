"""Jinja filters and globals, registered in one place."""

import re
from datetime import date, datetime

from flask import Flask, request, url_for
from markupsafe import Markup, escape

from portal.feeds.index_links import ALERT_FEEDS
from portal.i18n import format_day, format_points, gettext, translate
from portal.queries import regulation_scope
from portal.search.documents import DOC_TYPES
from portal.search.results import FACET_TITLES
from portal.timeutil import to_local
from portal.url_patterns import UrlPattern


def date_cn(value: date | None) -> str:
    """Format a date in the reader's language (2026年11月26日 or November 26, 2026)."""
    return format_day(value)


def datetime_cn(value: datetime | None) -> str:
    """Format a naive UTC datetime in Shanghai time."""
    if value is None:
        return "—"
    local = to_local(value)
    return f"{format_day(local.date())} {local:%H:%M}"


def machine_time(value: datetime) -> str:
    """A <time datetime> value: whole seconds, naive values taken as UTC (HTML allows no µs)."""
    text = value.isoformat(timespec="seconds")
    return text if value.tzinfo else f"{text}Z"


def percent(value: float | None, digits: int = 1) -> str:
    """Format a share as a percentage, or a dash when unknown."""
    return "—" if value is None else f"{value * 100:.{digits}f}%"


FILE_SIZE_UNITS = ("KB", "MB", "GB", "TB")


def file_size(value: int | None) -> str:
    """A file's size for people: 512 B, 3.4 KB, 12.0 MB (units of 1,024)."""
    if value is None:
        return "—"
    if value < 1024:
        return f"{value} B"
    size = value / 1024
    for unit in FILE_SIZE_UNITS[:-1]:
        if size < 1024:
            return f"{size:.1f} {unit}"
        size /= 1024
    return f"{size:.1f} {FILE_SIZE_UNITS[-1]}"


def points(value: float | None) -> str:
    """Format a change in percentage points with its sign, in the reader's language."""
    return format_points(value)


def choices(items, value_attr: str | None = None, text_attr: str | None = None, suffix=""):
    """Turn records or plain values into (value, text) pairs for a select box."""
    pairs = []
    for item in items:
        value = getattr(item, value_attr) if value_attr else item
        text = getattr(item, text_attr) if text_attr else item
        pairs.append((value, f"{text}{suffix}"))
    return pairs


def year_choices(years) -> list[tuple[int, str]]:
    """(year, "2026年" or "2026") pairs for a select box, in the reader's language."""
    return [(year, gettext("%(year)s年", year=year)) for year in years]


def url_with(**changes) -> str:
    """The current URL with some query arguments replaced (None removes one)."""
    args = request.args.to_dict()
    args.update({key: value for key, value in changes.items() if value is not None})
    for key in [key for key, value in changes.items() if value is None]:
        args.pop(key, None)
    return url_for(request.endpoint, **(request.view_args or {}), **args)


def list_csv_url(endpoint: str) -> str:
    """The API's CSV of a list with the page's filters (paging and the keyword box dropped)."""
    kept = {
        key: value
        for key, value in request.args.items()
        if value and key not in ("page", "per_page", "q")
    }
    return url_for(endpoint, **kept)


def contains_text(value: str, words: str) -> bool:
    """Jinja test: the value contains the words (always true when no words are given)."""
    return not words or words in (value or "")


PHONE_NUMBER = re.compile(r"(?<![\d-])(?:1\d{4}|[48]00-?\d{3}-?\d{4}|0\d{2,3}-\d{7,8})(?![\d-])")


def tel_links(text: str) -> Markup:
    """Escape the text and turn telephone numbers (12315, 400-…, 021-…) into tel: links."""

    def link(match: re.Match) -> str:
        number = match.group(0)
        return f'<a href="tel:{number.replace("-", "")}">{number}</a>'

    # Safe: the text is escaped before the links (digits and hyphens only) are added.
    return Markup(PHONE_NUMBER.sub(link, str(escape(text or ""))))  # noqa: S704


def register_templating(app: Flask) -> None:
    """Register the filters and globals on the app."""
    app.jinja_env.filters.update(
        date_cn=date_cn,
        datetime_cn=datetime_cn,
        machine_time=machine_time,
        percent=percent,
        points=points,
        file_size=file_size,
        choices=choices,
        year_choices=year_choices,
    )
    app.jinja_env.globals.update(
        url_with=url_with,
        url_pattern=UrlPattern,
        alert_feeds=ALERT_FEEDS,
        list_csv_url=list_csv_url,
        search_facet_titles=FACET_TITLES,
        search_doc_types=DOC_TYPES,
    )
    app.jinja_env.tests["search_text"] = contains_text
    app.jinja_env.filters["tel_links"] = tel_links
    register_regulation_helpers(app)

    @app.context_processor
    def site_globals():
        return {
            "site_name": translate(app.config["SITE_NAME"]),
            "publisher": app.config["PUBLISHER_NAME"],
        }


def register_regulation_helpers(app: Flask) -> None:
    """Filters and tests saying where a regulation applies and who issued it."""
    app.jinja_env.filters["issuing_body"] = regulation_scope.issuing_body_of
    app.jinja_env.filters["regulation_place"] = regulation_scope.regulation_place
    app.jinja_env.tests["applies_elsewhere"] = regulation_scope.applies_elsewhere
