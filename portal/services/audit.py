"""The staff audit log: every staff action, written in the caller's transaction."""

from datetime import datetime

from portal.extensions import db
from portal.models import AuditLog, utcnow


def record_action(
    user,
    action: str,
    entity: tuple[str, int | None],
    details: dict | None = None,
    remote_addr: str = "",
    at: datetime | None = None,
) -> AuditLog:
    """Add an audit row for (entity type, entity id); the caller commits."""
    entity_type, entity_id = entity
    entry = AuditLog(
        created_at=at or utcnow(),
        user_id=user.id if user is not None else None,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        details=details or {},
        remote_addr=remote_addr or "",
    )
    db.session.add(entry)
    return entry
