"""Render a Feed as Atom or RSS 2.0 with feedgen, with a stylesheet for browsers."""

import re
from datetime import datetime
from urllib.parse import quote

from feedgen.feed import FeedGenerator
from flask import current_app, request, url_for
from markupsafe import escape

from portal.feeds.browser import render_feed_page, wants_html
from portal.feeds.definitions import Feed
from portal.feeds.entries import FeedEntry
from portal.feeds.links import site_base, tag_uri
from portal.feeds.marking import mark_chinese, mark_rss_descriptions
from portal.i18n import DEFAULT_LOCALE, current_locale, is_english, translate
from portal.services.content import current_content_version
from portal.timeutil import LOCAL_TZ, to_local

MIMETYPES = {"atom": "application/atom+xml", "rss": "application/rss+xml"}
# Characters XML 1.0 forbids (C0 controls except tab, newline, carriage return; surrogates;
# U+FFFE and U+FFFF).
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# The browser view of a feed, in the feed's language.
STYLESHEETS = {"zh": "feeds/feed.xsl", "en": "feeds/feed.en.xsl"}


def xml_text(value: str | None) -> str:
    """Text safe for an XML 1.0 document (forbidden characters removed)."""
    return XML_FORBIDDEN.sub("", value or "")


def feed_updated(feed: Feed) -> datetime:
    """The newest entry update, or the last content change for an empty feed."""
    if feed.entries:
        return max(entry.updated for entry in feed.entries)
    _, changed_at = current_content_version()
    return to_local(changed_at) if changed_at else datetime(2026, 1, 1, tzinfo=LOCAL_TZ)


def self_url() -> str:
    """The absolute address of the feed being requested, with its query string."""
    query = request.query_string.decode("utf-8", "replace")
    return site_base() + request.path + (f"?{query}" if query else "")


def build_generator(feed: Feed) -> FeedGenerator:
    """A FeedGenerator holding the feed's metadata and entries, in order."""
    generator = FeedGenerator()
    generator.id(tag_uri(f"feed/{quote(feed.slug, safe='/?=&')}"))
    generator.title(xml_text(feed.title))
    generator.subtitle(xml_text(feed.subtitle))
    generator.author({"name": translate(current_app.config["PUBLISHER_NAME"])})
    generator.language("zh-CN" if current_locale() == "zh" else current_locale())
    generator.link(href=self_url(), rel="self")
    generator.link(href=feed.page_url, rel="alternate", type="text/html")
    generator.updated(feed_updated(feed))
    generator.generator(translate(current_app.config["SITE_NAME"]))
    for entry in feed.entries:
        add_entry(generator, entry)
    return generator


def add_entry(generator: FeedGenerator, entry: FeedEntry) -> None:
    """Append one entry (feedgen prepends unless told otherwise)."""
    item = generator.add_entry(order="append")
    item.id(entry.id)
    item.title(xml_text(entry.title))
    item.link(href=entry.link, rel="alternate", type="text/html")
    item.published(entry.published)
    item.updated(entry.updated)
    item.summary(xml_text(entry.summary))
    for category in entry.categories:
        label = xml_text(category.label)
        item.category(term=xml_text(category.term), label=label, scheme=category.scheme)


def with_stylesheet(document: bytes) -> bytes:
    """Insert the xml-stylesheet processing instruction (the stylesheet of the feed's
    language) after the XML declaration."""
    stylesheet = STYLESHEETS.get(current_locale(), STYLESHEETS[DEFAULT_LOCALE])
    href = escape(url_for("static", filename=stylesheet))
    instruction = f'\n<?xml-stylesheet type="text/xsl" href="{href}"?>'.encode()
    end = document.index(b"?>") + 2 if document.startswith(b"<?xml") else 0
    return document[:end] + instruction + document[end:]


def render_feed(feed: Feed, fmt: str) -> bytes:
    """The feed document in the requested format ("atom" or "rss")."""
    generator = build_generator(feed)
    if fmt == "rss":
        document = generator.rss_str(pretty=True)
        return with_stylesheet(mark_rss_descriptions(document) if is_english() else document)
    document = generator.atom_str(pretty=True)
    return with_stylesheet(mark_chinese(document) if is_english() else document)


def feed_response(feed: Feed, fmt: str):
    """The feed with its media type (CORS comes from portal.api.http), or its page for browsers."""
    if wants_html():
        return render_feed_page(feed, fmt)
    response = current_app.response_class(render_feed(feed, fmt), mimetype=MIMETYPES[fmt])
    response.vary.add("Sec-Fetch-Dest")
    return response
