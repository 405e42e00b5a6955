"""Publishing drafts: now, or at a scheduled time by `flask --app portal publish-due`.

Four eyes: a publisher cannot publish (or schedule) a draft that they changed last unless they
give a reason, which the audit log keeps. Publishing claims the row with one conditional UPDATE
(`status = 'draft'`, unchanged since it was checked, due when scheduled) and goes on only when that
UPDATE changed exactly one row, so two publish-due runs at once publish each item once. It then
writes a "publish" Revision and an audit row, bumps the content version (pages, feeds and API
answers change at once) and commits; the search index follows the commit and the bulk downloads
are rewritten in the background (see portal.api.export_hook).
"""

import logging
from datetime import UTC, datetime

from flask_babel import gettext
from sqlalchemy import select, update

from portal.errors import ForbiddenError, InvalidInputError
from portal.extensions import db
from portal.i18n import N_, translate
from portal.models import Announcement, Batch, PublicationStatus, Revision, Role, utcnow
from portal.queries.revisions import RevisionAction, entity_type_of
from portal.services.alert_events import record_alert_event
from portal.services.audit import record_action
from portal.services.content import bump_content_version
from portal.services.drafts import DRAFT_MODELS, create_draft, require_draft, update_draft
from portal.timeutil import LOCAL_TZ, to_local

__all__ = [
    "create_draft",
    "publish_due",
    "publish_record",
    "schedule_record",
    "unschedule_record",
    "update_draft",
]

logger = logging.getLogger(__name__)

FOUR_EYES = N_(
    "您是这份草稿的最后修改人。按四眼原则应由另一位发布员发布；"
    "如确需自行发布，请填写理由（将记入审计日志）。"
)
NOT_A_DRAFT = N_("只能发布草稿；这条信息已经发布或撤回。")


def publish_record(record, user, remote_addr: str = "", force_reason: str | None = None):
    """Publish a draft now; return its "publish" Revision."""
    require_publisher(user)
    require_draft(record, translate(NOT_A_DRAFT))
    details = four_eyes_details(record, user, force_reason)
    require_complete(record)
    now = utcnow()
    if not claim(record, now, unchanged_since=record.last_edited_at):
        db.session.rollback()
        raise InvalidInputError(gettext("草稿刚被修改或已被他人发布，请刷新后重新查看。"))
    return finish_publishing(record, (user, remote_addr), details, now)


def schedule_record(record, publish_at: datetime, user, remote_addr="", force_reason=None):
    """Set when a draft goes public (naive = Asia/Shanghai time); it stays a draft till then."""
    require_publisher(user)
    require_draft(record, gettext("只能为草稿设置定时发布。"))
    details = four_eyes_details(record, user, force_reason)
    require_complete(record)
    at = utc_naive(publish_at)
    if at <= utcnow():
        message = gettext("定时发布时间必须晚于现在。")
        raise InvalidInputError(message, errors={"publish_at": [message]})
    record.scheduled_at, record.scheduled_by_id = at, user.id
    details["publish_at"] = to_local(at).isoformat()
    record_action(user, "schedule", (entity_type_of(record), record.id), details, remote_addr)
    db.session.commit()
    logger.info("Scheduled %s %s for %s UTC", entity_type_of(record), record.id, at)
    return record


def unschedule_record(record, user, remote_addr: str = ""):
    """Cancel a draft's scheduled publication; it stays a draft."""
    require_publisher(user)
    require_draft(record, gettext("只能取消草稿的定时发布。"))
    if record.scheduled_at is None:
        raise InvalidInputError(gettext("这份草稿没有设置定时发布。"))
    details = {"publish_at": to_local(record.scheduled_at).isoformat()}
    record.scheduled_at = record.scheduled_by_id = None
    record_action(user, "unschedule", (entity_type_of(record), record.id), details, remote_addr)
    db.session.commit()
    return record


def publish_due(now: datetime | None = None) -> list[tuple[str, int]]:
    """Publish every scheduled draft that is due; return (entity type, id) of those published.

    Safe to run from cron every minute, also twice at once: each item is claimed atomically.
    """
    now = now or utcnow()
    published = []
    for model, record_id in due_records(now):
        revision = publish_scheduled(model, record_id, now)
        if revision is not None:
            published.append((revision.entity_type, revision.entity_id))
    return published


def due_records(now: datetime) -> list[tuple[type, int]]:
    """(model, id) of the drafts whose scheduled time has come, oldest schedule first."""
    due = []
    for model in DRAFT_MODELS:
        stmt = select(model.id, model.scheduled_at).where(
            model.status == PublicationStatus.DRAFT, model.scheduled_at <= now
        )
        rows = db.session.execute(stmt)
        due += [(at, model.__name__, record_id, model) for record_id, at in rows]
    db.session.rollback()  # end the reading transaction before claiming rows
    return [(model, record_id) for *_, record_id, model in sorted(due)]


def publish_scheduled(model, record_id: int, now: datetime):
    """Publish one due draft unless another run claimed it first; return its Revision or None."""
    record = db.session.get(model, record_id)
    if record is None or not claim(record, now, due_by=now):
        db.session.rollback()
        return None
    db.session.refresh(record)
    details = {"scheduled_at": to_local(record.scheduled_at).isoformat(), "via": "publish-due"}
    return finish_publishing(record, (record.scheduled_by, ""), details, now)


def claim(record, now: datetime, due_by=None, unchanged_since=None) -> bool:
    """Mark a draft published with one conditional UPDATE; True when this call changed it."""
    table = type(record).__table__
    stmt = update(table).where(table.c.id == record.id, table.c.status == PublicationStatus.DRAFT)
    if due_by is not None:
        stmt = stmt.where(table.c.scheduled_at <= due_by)
    if unchanged_since is not None:
        stmt = stmt.where(table.c.last_edited_at == unchanged_since)
    stmt = stmt.values(status=PublicationStatus.PUBLISHED, published_at=now)
    # Core execution on the session's connection: the search sync sees the ORM changes below
    # instead of treating this statement as a bulk change.
    return db.session.connection().execute(stmt).rowcount == 1


def finish_publishing(record, actor: tuple, details: dict, now: datetime) -> Revision:
    """After a successful claim: timestamps, Revision, audit row, content version, commit."""
    user, remote_addr = actor
    record.status, record.published_at, record.updated_at = PublicationStatus.PUBLISHED, now, now
    record.scheduled_at = None
    if isinstance(record, Announcement):  # API clients syncing by updated_since get the rows
        batches = Batch.__table__
        stamp = update(batches).where(batches.c.announcement_id == record.id)
        db.session.connection().execute(stamp.values(updated_at=now))  # Core, as in claim()
    entity = (entity_type_of(record), record.id)
    user_id = user.id if user is not None else None
    revision = Revision(entity_type=entity[0], entity_id=record.id, revised_at=now, user_id=user_id)
    revision.action, revision.public_note, revision.changes = RevisionAction.PUBLISH, "", {}
    db.session.add(revision)
    record_alert_event(revision)
    record_action(user, RevisionAction.PUBLISH, entity, details, remote_addr, now)
    bump_content_version()
    db.session.commit()
    logger.info("Published %s %s", *entity)
    return revision


def require_publisher(user) -> None:
    """Raise unless the user may publish."""
    if user is None or not user.has_role(Role.PUBLISHER):
        raise ForbiddenError(gettext("只有发布员可以发布、定时发布或取消定时发布。"))


def four_eyes_details(record, user, force_reason: str | None) -> dict:
    """Audit details of the four-eyes check; raise when the last editor gives no reason."""
    reason = (force_reason or "").strip()
    if record.last_edited_by_id is None or record.last_edited_by_id != user.id:
        return {"last_edited_by_id": record.last_edited_by_id}
    if not reason:
        raise InvalidInputError(
            translate(FOUR_EYES), errors={"force_reason": [gettext("请填写自行发布的理由。")]}
        )
    return {"last_edited_by_id": record.last_edited_by_id, "force_reason": reason}


def require_complete(record) -> None:
    """Raise when a draft cannot go public yet (an announcement needs batch rows)."""
    if isinstance(record, Announcement) and not record.batches:
        message = gettext("抽查公告至少要有一个批次才能发布。")
        raise InvalidInputError(message, errors={"batches": [message]})


def utc_naive(value: datetime) -> datetime:
    """Storage form (naive UTC) of a datetime; a naive value is Asia/Shanghai local time."""
    if not isinstance(value, datetime):
        message = gettext("请填写定时发布的日期和时间。")
        raise InvalidInputError(message, errors={"publish_at": [message]})
    aware = value if value.tzinfo else value.replace(tzinfo=LOCAL_TZ)
    return aware.astimezone(UTC).replace(tzinfo=None)
