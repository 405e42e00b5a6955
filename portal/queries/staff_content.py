"""Staff read side of publishable content: drafts, scheduled, published and withdrawn records."""

from flask_babel import gettext
from sqlalchemy import Select, func, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Enterprise, PublicationStatus
from portal.queries.common import MAX_ID

STATES = {
    "draft": "草稿",
    "scheduled": "已定时",
    "published": "已发布",
    "withdrawn": "已撤回",
}


def state_condition(model, state: str):
    """SQL condition of one staff list state."""
    if state == "draft":
        return (model.status == PublicationStatus.DRAFT) & model.scheduled_at.is_(None)
    if state == "scheduled":
        return (model.status == PublicationStatus.DRAFT) & model.scheduled_at.is_not(None)
    return model.status == state


def staff_query(model, state: str) -> Select:
    """Records of a model in one state: scheduled by time, others newest change first."""
    stmt = select(model).where(state_condition(model, state))
    if state == "scheduled":
        return stmt.order_by(model.scheduled_at, model.id)
    return stmt.order_by(model.updated_at.desc(), model.id.desc())


def state_counts(model) -> dict[str, int]:
    """How many records of the model are in each state."""
    return {
        state: db.session.scalar(
            select(func.count()).select_from(model).where(state_condition(model, state))
        )
        for state in STATES
    }


def get_staff_record(model, record_id: int):
    """Any record of the model by id (drafts included), or NotFoundError."""
    record = db.session.get(model, record_id) if 0 < record_id <= MAX_ID else None
    if record is None:
        raise NotFoundError(gettext("没有找到这条记录。"))
    return record


def enterprise_id_by_code(credit_code: str) -> int | None:
    """The id of the enterprise with this 统一社会信用代码, or None."""
    code = (credit_code or "").strip().upper()
    return db.session.scalar(select(Enterprise.id).where(Enterprise.credit_code == code))
