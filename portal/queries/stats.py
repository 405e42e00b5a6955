"""Headline and statistics figures: read from the tally (portal.models.stats), or computed from
the batch rows where the tally has no dimension for the condition (an enterprise's figures)."""

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext
from sqlalchemy import case, func, select

from portal.extensions import db
from portal.models import (
    Announcement,
    Batch,
    ProductCategory,
    Result,
    StatsTally,
    StatsTallyRow,
)
from portal.models.stats import half_year_key, range_key, shift_year
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
    """Count categories, enterprises, batches and failed batches of published announcements
    from the batch rows (the direct computation the tally must equal)."""
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
    return [func.coalesce(Batch.district, "")]


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
    """Figures per year, half-year, category or district of published announcements, from the
    batch rows (the direct computation the tally must equal)."""
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
        tally_figures(TallyFilter(period=half_year_key(latest))),
        previous_period,
        comparison_figures(previous_period.start_on, previous_period.end_on),
    )


def comparison_figures(start_on: date, end_on: date) -> Figures:
    """Figures of last year's same period: the tally keeps them for the latest issue date; a
    tally still on another range is recounted from its rows (one half-year at most)."""
    cell = db.session.execute(
        select(*_tally_columns()).where(
            StatsTally.period == range_key(start_on, end_on),
            StatsTally.category_id.is_(None),
            StatsTally.district.is_(None),
        )
    ).first()
    if cell is not None:
        return Figures(*cell)
    rows = StatsTallyRow
    stmt = select(
        func.count(func.distinct(rows.category_id)),
        func.count(func.distinct(rows.enterprise_id)),
        func.coalesce(func.sum(rows.batches), 0),
        func.coalesce(func.sum(rows.failed), 0),
    ).where(rows.issued_on.between(start_on, end_on))
    return Figures(*(int(n) for n in db.session.execute(stmt).one()))


@dataclass(frozen=True)
class TallyFilter:
    """Which tally cells to read: a period key (2026-H1, 2026, None for all time), a category
    id and a district (None: all)."""

    period: str | None = None
    category_id: int | None = None
    district: str | None = None


def tally_filter(args: dict) -> TallyFilter:
    """The tally cells of the statistics filters (year, category code, district) in args."""
    category_id = None
    if args.get("category"):
        stmt = select(ProductCategory.id).where(ProductCategory.code == args["category"])
        category_id = db.session.scalar(stmt) or 0  # 0: no such category, no cell
    year = args.get("year")
    return TallyFilter(str(year) if year else None, category_id, args.get("district") or None)


def tally_district_names() -> list[str]:
    """Districts with live batches (the statistics page's filter choices), from the tally."""
    stmt = select(StatsTally.district).where(
        StatsTally.period.is_(None),
        StatsTally.category_id.is_(None),
        StatsTally.district.is_not(None),
        StatsTally.district != "",
    )
    return sorted(db.session.scalars(stmt))


def _tally_columns() -> list:
    """The figure columns of a tally cell, in Figures field order."""
    return [StatsTally.categories, StatsTally.enterprises, StatsTally.batches, StatsTally.failed]


def _is(column, value):
    """SQL condition: the column equals the value, or is NULL for None."""
    return column.is_(None) if value is None else column == value


def tally_cell(model, where: TallyFilter) -> list:
    """SQL conditions selecting one cell of a tally table (figures or failed items)."""
    return [
        _is(model.period, where.period),
        _is(model.category_id, where.category_id),
        _is(model.district, where.district),
    ]


def tally_figures(where: TallyFilter) -> Figures:
    """Totals of one tally cell (zero when nothing was counted there)."""
    stmt = select(*_tally_columns()).where(*tally_cell(StatsTally, where))
    row = db.session.execute(stmt).first()
    return Figures(*row) if row is not None else Figures(0, 0, 0, 0)


def _tally_period(by: str, where: TallyFilter):
    """SQL condition on the period of the groups: half-years or years, under the year filter."""
    if by == "half_year":
        return StatsTally.period.like(f"{where.period or '____'}-H_")
    if by == "year":
        return StatsTally.period.like(where.period or "____")
    return _is(StatsTally.period, where.period)


def tally_groups(by: str, where: TallyFilter) -> list[GroupFigures]:
    """Figures per year, half-year, category or district, read from the tally."""
    conditions = [_tally_period(by, where)]
    if by == "category":
        conditions.append(StatsTally.category_id.is_not(None))
    if where.category_id is not None or by != "category":
        conditions.append(_is(StatsTally.category_id, where.category_id))
    if by == "district":
        conditions.append(StatsTally.district.is_not(None))
    if where.district is not None or by != "district":
        conditions.append(_is(StatsTally.district, where.district))
    if by == "category":
        keys = [ProductCategory.code, ProductCategory.name]
        stmt = select(*keys, *_tally_columns()).join(
            ProductCategory, ProductCategory.id == StatsTally.category_id
        )
    else:
        keys = [StatsTally.district if by == "district" else StatsTally.period]
        stmt = select(*keys, *_tally_columns())
    stmt = stmt.where(*conditions).order_by(*keys)
    rows = db.session.execute(stmt)
    return [_tally_group(by, row[: len(keys)], row[len(keys) :]) for row in rows]


def _tally_group(by: str, keys, numbers) -> GroupFigures:
    """One group of tally figures with its key and label."""
    if by == "half_year":
        year, half = keys[0].split("-H")
        keys = (int(year), int(half))
    key, label = _key_and_label(by, keys)
    return GroupFigures(*numbers, key, label)


@dataclass(frozen=True)
class StatsReport:
    """Everything the statistics page shows for one set of filters."""

    total: Figures
    by_half_year: list[GroupFigures]
    by_category: list[GroupFigures]
    by_district: list[GroupFigures]


def stats_report(where: TallyFilter) -> StatsReport:
    """Totals and breakdowns by half-year, category and district under the same filters."""
    return StatsReport(
        tally_figures(where),
        tally_groups("half_year", where),
        tally_groups("category", where),
        tally_groups("district", where),
    )


def direct_stats_report(conditions: list) -> StatsReport:
    """The same report computed from the batch rows (what the tally must equal)."""
    return StatsReport(
        batch_figures(*conditions),
        grouped_figures("half_year", *conditions),
        grouped_figures("category", *conditions),
        grouped_figures("district", *conditions),
    )
