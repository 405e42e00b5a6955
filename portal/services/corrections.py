"""Corrections and withdrawals of published content: the generic write services.

Each service validates first, then changes the record, writes a public Revision and a staff
AuditLog row, bumps the content version (invalidating cached pages and feeds) and commits, all in
one transaction. The staff-publishing screens build on these.
"""

import logging
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import Date, DateTime, Integer, String, inspect

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import PublicationStatus, Revision, utcnow
from portal.queries.revisions import ENTITY_TYPES, RevisionAction, entity_type_of
from portal.services.alert_events import record_alert_event
from portal.services.audit import record_action
from portal.services.content import bump_content_version

logger = logging.getLogger(__name__)

# Columns a correction may never touch: identity, life cycle and relations (ids).
PROTECTED_FIELDS = frozenset(
    {"id", "status", "published_at", "withdrawn_at", "withdrawal_note", "is_demo"}
    | {"created_at", "updated_at"}
)
PYTHON_TYPES = ((DateTime, datetime), (Date, date), (Integer, int), (String, str))


def correct_record(record, changes: dict, public_note: str, user=None, remote_addr="") -> Revision:
    """Correct fields of a published record and publish a correction note."""
    note = _required_note(public_note)
    _require_state(record, PublicationStatus.PUBLISHED, gettext("只能更正已发布且未撤回的信息。"))
    diff = _validated_changes(record, changes)
    now = utcnow()
    for field, (_, new) in diff.items():
        setattr(record, field, new)
    record.updated_at = now
    return _commit_revision(record, RevisionAction.CORRECT, note, diff, (user, remote_addr), now)


def withdraw_record(record, public_note: str, user=None, remote_addr="") -> Revision:
    """Withdraw a published record; it stays visible, marked withdrawn with the note."""
    note = _required_note(public_note)
    _require_state(record, PublicationStatus.PUBLISHED, gettext("只能撤回已发布且未撤回的信息。"))
    now = utcnow()
    record.status = PublicationStatus.WITHDRAWN
    record.withdrawn_at = record.updated_at = now
    record.withdrawal_note = note
    diff = {"status": (PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN)}
    return _commit_revision(record, RevisionAction.WITHDRAW, note, diff, (user, remote_addr), now)


def _required_note(public_note: str) -> str:
    """The trimmed public note, or an error when it is empty."""
    note = (public_note or "").strip()
    if not note:
        raise InvalidInputError(
            gettext("请填写对公众说明的理由。"), errors={"public_note": [gettext("不能为空。")]}
        )
    return note


def _require_state(record, status: str, message: str) -> None:
    """Raise unless the record is of a revisable type and in the expected status."""
    if type(record) not in ENTITY_TYPES:
        raise InvalidInputError(gettext("不支持更正或撤回 %(type)s。", type=type(record).__name__))
    if record.status != status:
        raise InvalidInputError(message, errors={"status": [record.status]})


def _validated_changes(record, changes: dict) -> dict:
    """Map each changed field to (old, new) after checking names and values."""
    if not changes:
        raise InvalidInputError(
            gettext("没有需要更正的内容。"), errors={"changes": [gettext("不能为空。")]}
        )
    columns = {c.key: c for c in inspect(type(record)).columns}
    errors = {}
    for field, value in changes.items():
        column = columns.get(field)
        if column is None or field in PROTECTED_FIELDS or field.endswith("_id"):
            errors[field] = [gettext("该字段不存在或不能更正。")]
        elif message := _value_error(column, value):
            errors[field] = [message]
    if errors:
        raise InvalidInputError(gettext("更正内容有误。"), errors=errors)
    diff = {f: (getattr(record, f), v) for f, v in changes.items() if getattr(record, f) != v}
    if not diff:
        raise InvalidInputError(
            gettext("更正内容与现有内容相同。"), errors={"changes": [gettext("没有变化。")]}
        )
    return diff


def _value_error(column, value) -> str | None:
    """Why a value does not fit a column, or None when it does."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None if column.nullable else gettext("不能为空。")
    for sql_type, python_type in PYTHON_TYPES:
        if isinstance(column.type, sql_type) and not isinstance(value, python_type):
            return gettext("应为 %(type)s 类型。", type=python_type.__name__)
    length = getattr(column.type, "length", None)
    if length and isinstance(value, str) and len(value) > length:
        return gettext("不能超过 %(length)s 个字符。", length=length)
    return None


def _commit_revision(record, action: str, note: str, diff: dict, actor: tuple, now) -> Revision:
    """Write the Revision and AuditLog rows, bump the content version and commit.

    The actor is (user or None, the client address the action came from).
    """
    user, remote_addr = actor
    entity_type = entity_type_of(record)
    changes = {field: [_jsonable(old), _jsonable(new)] for field, (old, new) in diff.items()}
    user_id = user.id if user is not None else None
    revision = Revision(
        entity_type=entity_type,
        entity_id=record.id,
        action=action,
        revised_at=now,
        user_id=user_id,
        public_note=note,
        changes=changes,
    )
    db.session.add(revision)
    record_alert_event(revision)
    details = {"public_note": note, "changes": changes}
    record_action(user, action, (entity_type, record.id), details, remote_addr, now)
    bump_content_version()
    db.session.commit()
    logger.info("%s %s %s", action, entity_type, record.id)
    return revision


def _jsonable(value):
    """A JSON-storable form of a column value."""
    return value.isoformat() if isinstance(value, date | datetime) else value
