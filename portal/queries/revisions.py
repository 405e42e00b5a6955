"""Read side of public revisions: corrections and withdrawals shown on pages and in feeds."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import Announcement, Recall, Regulation, Revision


class RevisionAction:
    """What a revision did to published content."""

    PUBLISH = "publish"
    CORRECT = "correct"
    WITHDRAW = "withdraw"
    PUBLIC_CHANGES = (CORRECT, WITHDRAW)


ENTITY_TYPES = {Announcement: "announcement", Recall: "recall", Regulation: "regulation"}


def entity_type_of(record) -> str:
    """The Revision.entity_type of a record (announcement, recall or regulation)."""
    return ENTITY_TYPES[type(record)]


def public_revisions(entity_type: str, entity_id: int) -> list[Revision]:
    """Corrections and withdrawals of one record, oldest first (for its detail page)."""
    return revisions_by_record(entity_type, [entity_id]).get(entity_id, [])


def revisions_by_record(entity_type: str, entity_ids: list[int]) -> dict[int, list[Revision]]:
    """Corrections and withdrawals of several records in one query, oldest first per record."""
    if not entity_ids:
        return {}
    stmt = (
        select(Revision)
        .where(
            Revision.entity_type == entity_type,
            Revision.entity_id.in_(entity_ids),
            Revision.action.in_(RevisionAction.PUBLIC_CHANGES),
        )
        .order_by(Revision.revised_at, Revision.id)
    )
    grouped: dict[int, list[Revision]] = {}
    for revision in db.session.scalars(stmt):
        grouped.setdefault(revision.entity_id, []).append(revision)
    return grouped
