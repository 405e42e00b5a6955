"""Headline figures computed from the batch rows."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext
from sqlalchemy import case, func, select

from portal.extensions import db
from portal.models import Announcement, Batch, ProductCategory, Result
from portal.queries.common import is_live

GROUPINGS = ("year", "half_year", "category", "district")


@dataclass(frozen=True)
class Figures:
    """Counts the bureau quotes for a period."""

    categories: int
    enterprises: int
    batches: int
    failed: int

    @property
    def pass_rate(self) -> float | None:
        """Share of batches that passed, or None when nothing was sampled."""
        return (self.batches - self.failed) / self.batches if self.batches else None

    @property
    def passed(self) -> int:
        """Number of batches that passed."""
        return self.batches - self.failed


@dataclass(frozen=True)
class GroupFigures(Figures):
    """Figures of one group (a year, half-year, category or district)."""

    key: str
    label: str


@dataclass(frozen=True)
class Period:
    """A date range with a Chinese label."""

    start_on: date
    end_on: date
    label: str


@dataclass(frozen=True)
class Headline:
    """Figures of the current period and of the same period a year earlier."""

    period: Period
    current: Figures
    previous_period: Period
    previous: Figures

    @property
    def pass_rate_change(self) -> float | None:
        """Change of the pass rate in percentage points against last year."""
        if self.current.pass_rate is None or self.previous.pass_rate is None:
            return None
        return (self.current.pass_rate - self.previous.pass_rate) * 100


def _figure_columns() -> list:
    """Aggregate columns of Figures, in field order."""
    return [
        func.count(func.distinct(Batch.category_id)),
        func.count(func.distinct(Batch.enterprise_id)),
        func.count(Batch.id),
        func.sum(case((Batch.result == Result.FAIL, 1), else_=0)),
    ]


def batch_figures(*conditions) -> Figures:
    """Count categories, enterprises, batches and failed batches of published announcements."""
    stmt = (
        select(*_figure_columns())
        .join(Batch.announcement)
        .where(is_live(Announcement), *conditions)
    )
    row = db.session.execute(stmt).one()
    return Figures(row[0], row[1], row[2], int(row[3] or 0))


def _group_keys(by: str) -> list:
    """The GROUP BY columns of a grouping."""
    year = func.extract("year", Announcement.issued_on)
    if by == "year":
        return [year]
    if by == "half_year":
        return [year, case((func.extract("month", Announcement.issued_on) <= 6, 1), else_=2)]
    if by == "category":
        return [ProductCategory.code, ProductCategory.name]
    return [Batch.district]


def _key_and_label(by: str, keys) -> tuple[str, str]:
    """Machine key and label (in the reader's language) of one group."""
    if by == "year":
        return str(int(keys[0])), gettext("%(year)s年", year=int(keys[0]))
    if by == "half_year":
        year, half = int(keys[0]), int(keys[1])
        return f"{year}-H{half}", half_year_label(year, half == 1)
    if by == "category":
        return keys[0], keys[1]
    return keys[0] or "", keys[0] or gettext("未注明")


def grouped_figures(by: str, *conditions) -> list[GroupFigures]:
    """Figures per year, half-year, category or district of published announcements."""
    keys = _group_keys(by)
    stmt = (
        select(*keys, *_figure_columns())
        .select_from(Batch)
        .join(Batch.announcement)
        .join(Batch.category)
        .where(is_live(Announcement), *conditions)
        .group_by(*keys)
        .order_by(*keys)
    )
    groups = []
    for row in db.session.execute(stmt):
        numbers = row[len(keys) :]
        key, label = _key_and_label(by, row[: len(keys)])
        groups.append(
            GroupFigures(numbers[0], numbers[1], numbers[2], int(numbers[3] or 0), key, label)
        )
    return groups


def period_figures(start_on: date, end_on: date) -> Figures:
    """Figures of the announcements issued in a date range."""
    return batch_figures(Announcement.issued_on.between(start_on, end_on))


def half_year_of(day: date) -> Period:
    """The half-year containing a day, ending on that day (so far)."""
    first_month = 1 if day.month <= 6 else 7
    label = half_year_label(day.year, first_month == 1)
    return Period(date(day.year, first_month, 1), day, label)


def half_year_label(year: int, first_half: bool) -> str:
    """2026年上半年 or H1 2026, in the reader's language."""
    if first_half:
        return gettext("%(year)s年上半年", year=year)
    return gettext("%(year)s年下半年", year=year)


def shift_year(day: date, years: int) -> date:
    """The same calendar day some years away (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def same_period_last_year(period: Period) -> Period:
    """The same dates one year earlier."""
    start, end = shift_year(period.start_on, -1), shift_year(period.end_on, -1)
    return Period(start, end, period.label.replace(str(period.start_on.year), str(start.year)))


def latest_issue_date() -> date | None:
    """Issue date of the newest published announcement."""
    return db.session.scalar(select(func.max(Announcement.issued_on)).where(is_live(Announcement)))


def headline_figures() -> Headline | None:
    """Figures of the current half-year (up to the latest announcement) against last year."""
    latest = latest_issue_date()
    if latest is None:
        return None
    period = half_year_of(latest)
    previous_period = same_period_last_year(period)
    return Headline(
        period,
        period_figures(period.start_on, period.end_on),
        previous_period,
        period_figures(previous_period.start_on, previous_period.end_on),
    )


@dataclass(frozen=True)
class StatsReport:
    """Everything the statistics page shows for one set of filters."""

    total: Figures
    by_half_year: list[GroupFigures]
    by_category: list[GroupFigures]
    by_district: list[GroupFigures]


def stats_report(conditions: list) -> StatsReport:
    """Totals and breakdowns by half-year, category and district under the same filters."""
    return StatsReport(
        batch_figures(*conditions),
        grouped_figures("half_year", *conditions),
        grouped_figures("category", *conditions),
        grouped_figures("district", *conditions),
    )
