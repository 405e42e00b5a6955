"""Helpers shared by every read-side query: visibility, argument loading, lookups by id."""

from marshmallow import Schema, ValidationError

from portal.errors import InvalidInputError, NotFoundError
from portal.extensions import db
from portal.i18n import N_
from portal.models import PublicationStatus

PUBLIC_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)
MAX_ID = 2**31 - 1  # largest INTEGER primary key on PostgreSQL


def is_visible(model):
    """SQL condition: the record is published or withdrawn (never a draft)."""
    return model.status.in_(PUBLIC_STATUSES)


def is_live(model):
    """SQL condition: the record is published and not withdrawn (counts in statistics)."""
    return model.status == PublicationStatus.PUBLISHED


def date_between(column, start, end) -> list:
    """SQL conditions for an inclusive date range with optional bounds."""
    conditions = []
    if start:
        conditions.append(column >= start)
    if end:
        conditions.append(column <= end)
    return conditions


def updated_since(model, since) -> list:
    """SQL condition for incremental sync: records changed at or after `since`."""
    return [model.updated_at >= since] if since else []


def load_args(schema: Schema, args) -> dict:
    """Validate request arguments with a schema, dropping empty values first."""
    cleaned = {key: value for key, value in args.items() if value not in ("", None)}
    try:
        return schema.load(cleaned)
    except ValidationError as error:
        raise InvalidInputError(
            N_("查询条件有误，请检查后重试。"), errors=error.messages
        ) from error


def get_visible(model, record_id: int):
    """Return a visible record by id, or raise NotFoundError."""
    if not 0 < record_id <= MAX_ID:
        raise NotFoundError(N_("没有找到该记录，它可能尚未发布。"))
    record = db.session.get(model, record_id)
    if record is None or record.status not in PUBLIC_STATUSES:
        raise NotFoundError(N_("没有找到该记录，它可能尚未发布。"))
    return record
