"""Read side of recall notices."""

from sqlalchemy import Select, select

from portal.extensions import db
from portal.models import Enterprise, Recall
from portal.queries.announcements import year_range
from portal.queries.categories import category_condition
from portal.queries.common import date_between, get_visible, is_visible, updated_since
from portal.queries.pagination import page_of

SORTS = {
    "-announced_on": (Recall.announced_on.desc(), Recall.id.desc()),
    "announced_on": (Recall.announced_on.asc(), Recall.id.asc()),
}


def recall_query(args: dict) -> Select:
    """Select visible recalls matching the list filters."""
    stmt = select(Recall).where(is_visible(Recall), *_conditions(args))
    return stmt.order_by(*SORTS[args.get("sort", "-announced_on")])


def _conditions(args: dict) -> list:
    """SQL conditions for the recall filters present in args."""
    conditions = date_between(
        Recall.announced_on, args.get("announced_from"), args.get("announced_to")
    )
    conditions += updated_since(Recall, args.get("updated_since"))
    equal = {
        "kind": Recall.kind,
        "recall_type": Recall.recall_type,
        "enterprise_id": Recall.enterprise_id,
    }
    conditions += [column == args[name] for name, column in equal.items() if args.get(name)]
    if args.get("category"):
        conditions.append(category_condition(Recall.category_id, args["category"]))
    if args.get("enterprise"):
        conditions.append(Recall.enterprise.has(Enterprise.credit_code == args["enterprise"]))
    if args.get("district"):
        conditions.append(Recall.enterprise.has(Enterprise.district == args["district"]))
    if args.get("year"):
        conditions.append(Recall.announced_on.between(*year_range(args["year"])))
    return conditions


def get_recall(recall_id: int) -> Recall:
    """Return a visible recall or raise NotFoundError."""
    return get_visible(Recall, recall_id)


def latest_recalls(limit: int = 5) -> list[Recall]:
    """The newest visible recalls."""
    return page_of(recall_query({}), 1, limit, count=False).items


def enterprise_recalls(enterprise_id: int) -> list[Recall]:
    """Every visible recall of an enterprise, newest first."""
    return list(db.session.scalars(recall_query({"enterprise_id": enterprise_id})))
