"""Read side of spot-check announcements."""

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, case, exists, func, select

from portal.extensions import db
from portal.models import Announcement, Batch, Enterprise, ProductCategory, Result
from portal.queries.categories import category_condition
from portal.queries.common import date_between, get_visible, is_visible, updated_since
from portal.queries.pagination import page_of

SORTS = {
    "-issued_on": (Announcement.issued_on.desc(), Announcement.id.desc()),
    "issued_on": (Announcement.issued_on.asc(), Announcement.id.asc()),
}


@dataclass(frozen=True)
class BatchCounts:
    """Batch totals of one announcement (computed, never typed in)."""

    total: int = 0
    failed: int = 0

    @property
    def passed(self) -> int:
        """Number of batches that passed."""
        return self.total - self.failed

    @property
    def pass_rate(self) -> float | None:
        """Share of batches that passed, or None without batches."""
        return self.passed / self.total if self.total else None


def year_range(year: int) -> tuple[date, date]:
    """First and last day of a calendar year."""
    return date(year, 1, 1), date(year, 12, 31)


def announcement_query(args: dict) -> Select:
    """Select visible announcements matching the list filters, in the requested order."""
    stmt = select(Announcement).where(is_visible(Announcement), *_conditions(args))
    return stmt.order_by(*SORTS[args.get("sort", "-issued_on")])


def announcement_columns_query(args: dict, columns: list) -> Select:
    """Select plain columns of the filtered announcements, then their batch totals `total` and
    `failed` (CSV): no ORM objects and one statement; the totals are counted in SQL only for
    the rows returned, through the index on batches.announcement_id."""
    stmt = (
        select(*columns, *batch_total_columns())
        .select_from(Announcement)
        .join(ProductCategory, ProductCategory.id == Announcement.category_id)
        .where(is_visible(Announcement), *_conditions(args))
    )
    return stmt.order_by(*SORTS[args.get("sort", "-issued_on")])


def batch_total_columns() -> list:
    """Correlated counts of the announcement's batches (`total`) and failed ones (`failed`)."""
    of_announcement = Batch.announcement_id == Announcement.id
    total = select(func.count()).where(of_announcement).correlate(Announcement)
    failed = total.where(Batch.result == Result.FAIL)
    return [total.scalar_subquery().label("total"), failed.scalar_subquery().label("failed")]


def _conditions(args: dict) -> list:
    """SQL conditions for the announcement filters present in args."""
    conditions = date_between(
        Announcement.issued_on, args.get("issued_from"), args.get("issued_to")
    )
    conditions += updated_since(Announcement, args.get("updated_since"))
    if args.get("category"):
        conditions.append(category_condition(Announcement.category_id, args["category"]))
    if args.get("year"):
        conditions.append(Announcement.issued_on.between(*year_range(args["year"])))
    if args.get("scope"):
        conditions.append(Announcement.scope == args["scope"])
    if args.get("result"):
        conditions.append(_result_condition(args["result"]))
    if args.get("enterprise"):
        conditions.append(_enterprise_condition(args["enterprise"]))
    if args.get("district"):
        conditions.append(_district_condition(args["district"]))
    return conditions


def _enterprise_condition(credit_code: str):
    """Announcements with at least one batch of the enterprise."""
    return exists().where(
        Batch.announcement_id == Announcement.id,
        Batch.enterprise.has(Enterprise.credit_code == credit_code),
    )


def _result_condition(result: str):
    """Announcements with at least one failed batch, or with none."""
    has_failed = exists().where(
        Batch.announcement_id == Announcement.id, Batch.result == Result.FAIL
    )
    return has_failed if result == Result.FAIL else ~has_failed


def _district_condition(district: str):
    """Announcements with at least one batch sampled in a district."""
    return exists().where(Batch.announcement_id == Announcement.id, Batch.district == district)


def batch_counts(announcement_ids: list[int]) -> dict[int, BatchCounts]:
    """Batch totals for several announcements in one query."""
    if not announcement_ids:
        return {}
    failed = func.sum(case((Batch.result == Result.FAIL, 1), else_=0))
    rows = db.session.execute(
        select(Batch.announcement_id, func.count(Batch.id), failed)
        .where(Batch.announcement_id.in_(announcement_ids))
        .group_by(Batch.announcement_id)
    )
    return {row[0]: BatchCounts(row[1], int(row[2] or 0)) for row in rows}


def get_announcement(announcement_id: int) -> Announcement:
    """Return a visible announcement or raise NotFoundError."""
    return get_visible(Announcement, announcement_id)


def announcement_years() -> list[int]:
    """Years that have visible announcements, newest first (for filter choices)."""
    years = db.session.scalars(
        select(func.distinct(func.extract("year", Announcement.issued_on))).where(
            is_visible(Announcement)
        )
    )
    return sorted((int(y) for y in years), reverse=True)


def latest_announcements(limit: int = 6) -> list[Announcement]:
    """The newest visible announcements."""
    return page_of(announcement_query({}), 1, limit, count=False).items


def announcement_counts(announcement_id: int) -> BatchCounts:
    """Batch totals of one announcement."""
    return batch_counts([announcement_id]).get(announcement_id, BatchCounts())


def category_announcements(code: str) -> list[Announcement]:
    """Every visible announcement of a category, newest first."""
    return list(db.session.scalars(announcement_query({"category": code})))


def attach_counts(announcements: list) -> None:
    """Give each announcement its computed batch totals for the schema."""
    counts = batch_counts([a.id for a in announcements])
    for announcement in announcements:
        announcement.batch_counts = counts.get(announcement.id, BatchCounts())
