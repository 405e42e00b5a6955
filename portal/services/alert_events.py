"""Alert events: every publish, correction and withdrawal leaves one for `alerts send`."""

from portal.extensions import db
from portal.models import AlertEvent, Revision


def record_alert_event(revision: Revision) -> AlertEvent:
    """Append the event of a revision to the caller's transaction (committed with it)."""
    event = AlertEvent(
        revision=revision,
        entity_type=revision.entity_type,
        entity_id=revision.entity_id,
        action=revision.action,
        created_at=revision.revised_at,
    )
    db.session.add(event)
    return event
