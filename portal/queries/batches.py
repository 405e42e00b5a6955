"""Read side of batch rows, shared by announcement, enterprise and category pages."""

from sqlalchemy import Select, select
from sqlalchemy.orm import contains_eager

from portal.extensions import db
from portal.models import Announcement, Batch, Enterprise, Result
from portal.queries.announcements import year_range
from portal.queries.categories import category_condition
from portal.queries.common import date_between, is_live, is_visible, updated_since

# Ties on the date keep each announcement's batches together (and let SQLite read in index order).
SORTS = {
    "-issued_on": (Announcement.issued_on.desc(), Announcement.id.desc(), Batch.id.asc()),
    "issued_on": (Announcement.issued_on.asc(), Announcement.id.asc(), Batch.id.asc()),
}


def batch_query(args: dict) -> Select:
    """Select batches of published announcements matching the filters.

    Feeds pass include_withdrawn=True so that batches of a withdrawn announcement stay listed
    (marked as withdrawn) instead of silently disappearing from subscribers' readers.
    """
    stmt = (
        select(Batch)
        .join(Batch.announcement)
        .options(contains_eager(Batch.announcement))
        .where(_announcement_visibility(args))
    )
    for condition in batch_conditions(args):
        stmt = stmt.where(condition)
    return stmt.order_by(*SORTS[args.get("sort", "-issued_on")])


def batch_columns_query(args: dict, columns: list) -> Select:
    """Select plain columns of the filtered batches (CSV, bulk exports): no ORM objects."""
    stmt = (
        select(*columns)
        .select_from(Batch)
        .join(Batch.announcement)
        .join(Batch.enterprise)
        .join(Batch.category)
        .where(is_live(Announcement), *batch_conditions(args))
    )
    return stmt.order_by(*SORTS[args.get("sort", "-issued_on")])


def _announcement_visibility(args: dict):
    """Live announcements only, or withdrawn ones too when include_withdrawn is set."""
    return is_visible(Announcement) if args.get("include_withdrawn") else is_live(Announcement)


def batch_conditions(args: dict) -> list:
    """SQL conditions for the batch filters present in args."""
    conditions = date_between(
        Announcement.issued_on, args.get("issued_from"), args.get("issued_to")
    )
    conditions += updated_since(Batch, args.get("updated_since"))
    if args.get("announcement"):
        conditions.append(Batch.announcement_id == args["announcement"])
    if args.get("category"):
        conditions.append(category_condition(Batch.category_id, args["category"]))
    if args.get("enterprise"):
        conditions.append(Batch.enterprise_id == enterprise_id(args["enterprise"]))
    if args.get("result"):
        conditions.append(Batch.result == args["result"])
    if args.get("district"):
        conditions.append(Batch.district == args["district"])
    if args.get("year"):
        conditions.append(Announcement.issued_on.between(*year_range(args["year"])))
    return conditions


def enterprise_id(credit_code: str):
    """Scalar subquery: the id of the enterprise with this credit code."""
    return select(Enterprise.id).where(Enterprise.credit_code == credit_code).scalar_subquery()


def announcement_batches(announcement_id: int, failed_only: bool = False) -> list[Batch]:
    """All batches of one announcement (also of a withdrawn one), optionally failed only."""
    stmt = select(Batch).where(Batch.announcement_id == announcement_id).order_by(Batch.id)
    if failed_only:
        stmt = stmt.where(Batch.result == Result.FAIL)
    return list(db.session.scalars(stmt))


def enterprise_batches(credit_code: str) -> list[Batch]:
    """Every live batch of an enterprise, newest announcement first."""
    return list(db.session.scalars(batch_query({"enterprise": credit_code})))


def failed_enterprise_names(announcement_ids: list[int]) -> dict[int, list[str]]:
    """Names of the enterprises with failed batches, per announcement, in batch order."""
    if not announcement_ids:
        return {}
    rows = db.session.execute(
        select(Batch.announcement_id, Enterprise.name)
        .join(Batch.enterprise)
        .where(Batch.announcement_id.in_(announcement_ids), Batch.result == Result.FAIL)
        .order_by(Batch.announcement_id, Batch.id)
    )
    names: dict[int, list[str]] = {}
    for announcement_id, name in rows:
        if name not in names.setdefault(announcement_id, []):
            names[announcement_id].append(name)
    return names
