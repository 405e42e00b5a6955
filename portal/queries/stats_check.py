"""The tally's figures against those counted from the batch rows (`flask stats check`, tests)."""

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Announcement, Batch, ProductCategory
from portal.queries.batches import batch_conditions
from portal.queries.charts import failed_item_counts, tally_failed_items
from portal.queries.common import is_live
from portal.queries.stats import (
    GROUPINGS,
    batch_figures,
    comparison_figures,
    grouped_figures,
    half_year_of,
    latest_issue_date,
    period_figures,
    same_period_last_year,
    tally_figures,
    tally_filter,
    tally_groups,
)


def stats_filters() -> list[dict]:
    """No filter, then each year, category and district alone (what `stats check` compares)."""
    years = db.session.scalars(
        select(func.extract("year", Announcement.issued_on)).where(is_live(Announcement)).distinct()
    )
    codes = db.session.scalars(select(ProductCategory.code).order_by(ProductCategory.code))
    districts = sorted(db.session.scalars(select(func.coalesce(Batch.district, "")).distinct()))
    return [
        {},
        *({"year": int(year)} for year in years),
        *({"category": code} for code in codes),
        *({"district": name} for name in districts if name),
    ]


def tally_differences(filters: list[dict] | None = None) -> list[str]:
    """Where the tally's figures differ from those counted from the batch rows (empty: none)."""
    differences = []
    for args in stats_filters() if filters is None else filters:
        where, conditions = tally_filter(args), batch_conditions(args)
        for by in (None, *GROUPINGS):
            if by is None:
                kept, counted = tally_figures(where), batch_figures(*conditions)
            else:
                kept, counted = tally_groups(by, where), grouped_figures(by, *conditions)
            if kept != counted:
                differences.append(f"{args or 'all'} by {by or 'total'}: {kept} != {counted}")
        kept, counted = tally_failed_items(where, 1000), failed_item_counts(conditions, 1000)
        if kept != counted:
            differences.append(f"{args or 'all'} failed items: {kept} != {counted}")
    latest = latest_issue_date()
    if latest is not None:
        previous = same_period_last_year(half_year_of(latest))
        kept = comparison_figures(previous.start_on, previous.end_on)
        counted = period_figures(previous.start_on, previous.end_on)
        if kept != counted:
            differences.append(f"home comparison: {kept} != {counted}")
    return differences
