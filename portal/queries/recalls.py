"""Read side of recall notices."""

from sqlalchemy import Select, select

from portal.extensions import db
from portal.models import Enterprise, ProductCategory, Recall
from portal.queries.announcements import year_range
from portal.queries.common import get_visible, is_visible

SORTS = {
    "-announced_on": (Recall.announced_on.desc(), Recall.id.desc()),
    "announced_on": (Recall.announced_on.asc(), Recall.id.asc()),
}


def recall_query(args: dict) -> Select:
    """Select visible recalls matching the list filters."""
    stmt = select(Recall).where(is_visible(Recall))
    if args.get("kind"):
        stmt = stmt.where(Recall.kind == args["kind"])
    if args.get("recall_type"):
        stmt = stmt.where(Recall.recall_type == args["recall_type"])
    if args.get("category"):
        stmt = stmt.where(Recall.category.has(ProductCategory.code == args["category"]))
    if args.get("enterprise_id"):
        stmt = stmt.where(Recall.enterprise_id == args["enterprise_id"])
    if args.get("district"):
        stmt = stmt.where(Recall.enterprise.has(Enterprise.district == args["district"]))
    if args.get("year"):
        stmt = stmt.where(Recall.announced_on.between(*year_range(args["year"])))
    return stmt.order_by(*SORTS[args.get("sort", "-announced_on")])


def get_recall(recall_id: int) -> Recall:
    """Return a visible recall or raise NotFoundError."""
    return get_visible(Recall, recall_id)


def latest_recalls(limit: int = 5) -> list[Recall]:
    """The newest visible recalls."""
    return list(db.session.scalars(recall_query({}).limit(limit)))


def enterprise_recalls(enterprise_id: int) -> list[Recall]:
    """Every visible recall of an enterprise, newest first."""
    return list(db.session.scalars(recall_query({"enterprise_id": enterprise_id})))
