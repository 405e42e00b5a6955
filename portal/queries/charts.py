"""Chart data for the statistics and category pages: bars, a trend axis and one-line summaries."""

import math
from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext
from sqlalchemy import select

from portal.extensions import db
from portal.i18n import N_
from portal.models import Announcement, Batch, Result, StatsFailedItem
from portal.queries.common import is_live
from portal.queries.stats import GroupFigures, TallyFilter, tally_cell, tally_groups

# Pass rates below this are drawn in the alert colour (and named in the legend).
LOW_PASS_RATE = 0.85
# Shanghai's districts by administrative division code (GB/T 2260), the order citizens know.
DISTRICT_CODES = {
    "黄浦区": "310101", "徐汇区": "310104", "长宁区": "310105", "静安区": "310106",
    "普陀区": "310107", "虹口区": "310109", "杨浦区": "310110", "闵行区": "310112",
    "宝山区": "310113", "嘉定区": "310114", "浦东新区": "310115", "金山区": "310116",
    "松江区": "310117", "青浦区": "310118", "奉贤区": "310120", "崇明区": "310151",
}  # fmt: skip


@dataclass(frozen=True)
class Bar:
    """One horizontal bar: its label, length (0–1 of the track) and value in words."""

    key: str
    label: str
    share: float
    text: str
    is_alert: bool = False


@dataclass(frozen=True)
class TrendPoint:
    """One half-year on the failure-rate axis."""

    label: str
    rate: float
    position: float
    batches: int


@dataclass(frozen=True)
class Trend:
    """Failure rates on an axis from `low` to `high` (fractions), with three tick values."""

    points: list[TrendPoint]
    low: float
    high: float
    ticks: list[float]


def by_district_code(groups: list[GroupFigures]) -> list[GroupFigures]:
    """Districts in administrative-code order; unknown names after them, by name."""
    return sorted(groups, key=lambda g: (DISTRICT_CODES.get(g.key, "999999"), g.key))


def pass_rate_bars(groups: list[GroupFigures]) -> list[Bar]:
    """Bars of pass rates on a 0–100 % track; low rates are marked."""
    return [
        Bar(
            g.key,
            g.label,
            g.pass_rate or 0,
            gettext(
                "%(rate)s（%(batches)s 批次）",
                rate=format((g.pass_rate or 0) * 100, ".1f") + "%",
                batches=g.batches,
            ),
            (g.pass_rate or 0) < LOW_PASS_RATE,
        )
        for g in groups
    ]


BATCHES = N_("%(count)s 批次")
FAILED_BATCHES = N_("%(count)s 批次不合格")


def count_bars(rows: list[tuple[str, str, int]], text: str = BATCHES) -> list[Bar]:
    """Bars of counts (key, label, count), longest first, on a track up to the largest count."""
    largest = max((count for _key, _label, count in rows), default=0) or 1
    return [
        Bar(key, label, count / largest, gettext(text, count=count)) for key, label, count in rows
    ]


def most_failed_categories(groups: list[GroupFigures], limit: int = 10) -> list[Bar]:
    """The categories with the most failed batches."""
    ranked = sorted((g for g in groups if g.failed), key=lambda g: (-g.failed, g.key))[:limit]
    return count_bars([(g.key, g.label, g.failed) for g in ranked], FAILED_BATCHES)


def tally_failed_items(where: TallyFilter, limit: int = 10) -> list[tuple[str, int]]:
    """The failed test items (不合格项目) named most often among failed batches, from the tally."""
    stmt = select(StatsFailedItem.item, StatsFailedItem.batches).where(
        *tally_cell(StatsFailedItem, where)
    )
    counts = [(item, batches) for item, batches in db.session.execute(stmt)]
    return sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:limit]


def failed_item_counts(conditions: list, limit: int = 10) -> list[tuple[str, int]]:
    """The failed test items named most often among failed batches, counted from the batch rows
    (what the tally must equal)."""
    stmt = (
        select(Batch.failed_items)
        .join(Batch.announcement)
        .where(is_live(Announcement), Batch.result == Result.FAIL, *conditions)
    )
    counter: Counter[str] = Counter()
    for items in db.session.scalars(stmt):
        counter.update(set(items or []))
    return sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))[:limit]


def failure_trend(groups: list[GroupFigures]) -> Trend | None:
    """Failure rates per half-year on an axis spanning just their range (whole percents)."""
    rated = [g for g in groups if g.pass_rate is not None]
    if not rated:
        return None
    rates = [1 - g.pass_rate for g in rated]
    low = max(math.floor(min(rates) * 100) - 1, 0) / 100
    high = min(math.ceil(max(rates) * 100) + 1, 100) / 100
    span = high - low
    points = [
        TrendPoint(g.label, rate, (rate - low) / span, g.batches)
        for g, rate in zip(rated, rates, strict=True)
    ]
    return Trend(points, low, high, [low, low + span / 2, high])


@dataclass(frozen=True)
class StatsCharts:
    """The charts of the statistics page, each with the rows of its table."""

    trend: Trend | None
    districts: list[GroupFigures]
    district_bars: list[Bar]
    category_bars: list[Bar]
    failed_items: list[tuple[str, int]]
    failed_item_bars: list[Bar]


def stats_charts(report, where: TallyFilter) -> StatsCharts:
    """Chart data for a StatsReport computed under the same filters."""
    districts = by_district_code(report.by_district)
    items = tally_failed_items(where)
    return StatsCharts(
        failure_trend(report.by_half_year),
        districts,
        pass_rate_bars(districts),
        most_failed_categories(report.by_category),
        items,
        count_bars([(name, name, count) for name, count in items]),
    )


def category_failed_items(category, limit: int = 8) -> list[tuple[str, int]]:
    """A category's most frequent failed test items (常见不合格项目)."""
    return tally_failed_items(TallyFilter(category_id=category.id), limit)


@dataclass(frozen=True)
class CategoryTrend:
    """A category's failure-rate trend and the half-year rows of its table."""

    trend: Trend | None
    half_years: list[GroupFigures]


def category_trend(category) -> CategoryTrend:
    """A category's own failure rates by half-year, on the same narrow axis as /stats/."""
    groups = tally_groups("half_year", TallyFilter(category_id=category.id))
    return CategoryTrend(failure_trend(groups), groups)
