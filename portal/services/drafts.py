"""Drafts of announcements (with batch rows), recalls and regulations: create and edit.

A draft is invisible to the public. Every edit records who changed it last (the four-eyes rule of
publishing reads it) and cancels a pending schedule, so that a publisher approves what goes out.
"""

import logging

from flask_babel import gettext

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.i18n import N_, translate
from portal.models import Announcement, Batch, PublicationStatus, Recall, Regulation, utcnow
from portal.queries.revisions import entity_type_of
from portal.services.audit import record_action
from portal.services.draft_fields import batch_errors, clean_fields, record_errors

logger = logging.getLogger(__name__)

DRAFT_MODELS = (Announcement, Recall, Regulation)
INVALID = N_("草稿内容有误，请按提示修改后再保存。")


def create_draft(model, fields: dict, user, remote_addr: str = ""):
    """Create a draft; an announcement's `batches` is a list of batch-row dicts."""
    if model not in DRAFT_MODELS:
        raise InvalidInputError(
            gettext("不支持创建 %(model)s 草稿。", model=getattr(model, "__name__", model))
        )
    fields = dict(fields)
    rows = fields.pop("batches", []) if model is Announcement else None
    cleaned, errors = clean_fields(model, fields, creating=True)
    record = model(status=PublicationStatus.DRAFT, **cleaned)
    counts = {}
    with db.session.no_autoflush:
        if rows is not None:
            counts, row_errors = apply_batch_rows(record, rows)
            errors |= row_errors
        errors = errors or record_errors(record)
    if errors:
        raise InvalidInputError(translate(INVALID), errors=errors)
    _mark_edited(record, user)
    db.session.add(record)
    db.session.flush()
    details = {"fields": sorted(cleaned), "batches": counts}
    record_action(user, "create_draft", (entity_type_of(record), record.id), details, remote_addr)
    db.session.commit()
    logger.info("Draft %s %s created", entity_type_of(record), record.id)
    return record


def update_draft(record, fields: dict, user, remote_addr: str = ""):
    """Change a draft's fields and (announcements) its batch rows; nothing changes on error."""
    require_draft(record, gettext("只能修改草稿；已发布的信息请通过“更正”修改。"))
    with db.session.no_autoflush:
        cleaned, counts, errors = _apply_changes(record, dict(fields))
    if errors:
        db.session.rollback()
        raise InvalidInputError(translate(INVALID), errors=errors)
    details = {"fields": sorted(cleaned), "batches": counts}
    if record.scheduled_at is not None:
        details["unscheduled"] = record.scheduled_at.isoformat()
        record.scheduled_at = record.scheduled_by_id = None
    _mark_edited(record, user)
    record_action(user, "update_draft", (entity_type_of(record), record.id), details, remote_addr)
    db.session.commit()
    return record


def _apply_changes(record, fields: dict) -> tuple[dict, dict, dict]:
    """Set the valid fields and batch rows on the record; return (cleaned, counts, errors)."""
    rows = fields.pop("batches", None) if isinstance(record, Announcement) else None
    cleaned, errors = clean_fields(type(record), fields, creating=False)
    for name, value in cleaned.items():
        setattr(record, name, value)
    counts = {}
    if rows is not None:
        counts, row_errors = apply_batch_rows(record, rows)
        errors |= row_errors
    return cleaned, counts, errors or record_errors(record)


def require_draft(record, message: str) -> None:
    """Raise unless the record is a draft of a publishable type."""
    if not isinstance(record, DRAFT_MODELS) or record.status != PublicationStatus.DRAFT:
        raise InvalidInputError(message, errors={"status": [getattr(record, "status", "")]})


def apply_batch_rows(announcement: Announcement, rows: list) -> tuple[dict, dict]:
    """Make the draft's batches the given rows: rows with an `id` update, others are added,
    batches left out are removed. Returns (counts, errors keyed `batches.<n>.<field>`)."""
    if not isinstance(rows, list | tuple):
        return {}, {"batches": [gettext("批次数据格式有误。")]}
    existing = {batch.id: batch for batch in announcement.batches}
    kept, errors = [], {}
    for index, row in enumerate(rows):
        batch, row_errors = _batch_from_row(existing, row)
        errors |= {f"batches.{index}.{name}": msgs for name, msgs in row_errors.items()}
        if batch is not None:
            kept.append(batch)
    removed = [batch for batch in existing.values() if batch not in kept]
    if removed and announcement.status != PublicationStatus.DRAFT:
        errors["batches"] = [gettext("已发布公告的批次不能删除。")]  # a published batch row stays
    if not errors:
        announcement.batches = kept
        for batch in kept:
            batch.category_id = announcement.category_id
    added = sum(1 for batch in kept if batch.id is None)
    counts = {"added": added, "updated": len(kept) - added, "removed": len(removed)}
    return counts, errors


def _batch_from_row(existing: dict, row) -> tuple[Batch | None, dict]:
    """The new or updated batch of one row, with its errors."""
    if not isinstance(row, dict):
        return None, {"row": [gettext("批次数据格式有误。")]}
    row = dict(row)
    batch_id = row.pop("id", None)
    if batch_id is not None and batch_id not in existing:
        return None, {"id": [gettext("本公告没有这个批次。")]}
    batch = existing.get(batch_id) or Batch()
    cleaned, errors = clean_fields(Batch, row, creating=batch_id is None)
    for name, value in cleaned.items():
        setattr(batch, name, value)
    if batch.failed_items is None:
        batch.failed_items = []
    return batch, errors or batch_errors(batch)


def _mark_edited(record, user) -> None:
    """Record who changed the draft last, and when."""
    now = utcnow()
    record.last_edited_by_id = user.id if user is not None else None
    record.last_edited_at = record.updated_at = now
