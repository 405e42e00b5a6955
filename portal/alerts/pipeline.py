"""`flask --app portal alerts send`: match new events, compose due mails, send the outbox.

Every step claims its rows (portal.alerts.claims), so two runs at once share the work. A mail
is composed in the transaction that marks its matches delivered and moves the subscription's
cursor: after a crash either both happened or neither did.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, exists, insert, or_, select

from portal.alerts import compose, schedule
from portal.alerts.claims import claim
from portal.alerts.delivery import Delivery, deliver_queued
from portal.alerts.documents import event_documents
from portal.alerts.matching import matching_subscriptions
from portal.extensions import db
from portal.models import (
    AlertEvent,
    AlertMatch,
    AlertMessage,
    AlertRecipient,
    AlertSubscription,
    Frequency,
    MessageStatus,
    utcnow,
)

logger = logging.getLogger(__name__)

BATCH = 100
HITS_LISTED = 5
ENTITY_PATHS = {
    "announcement": "/announcements/",
    "recall": "/recalls/",
    "regulation": "/regulations/",
}


@dataclass
class RunReport:
    """What one `alerts send` run did."""

    events: int = 0
    matches: int = 0
    composed: int = 0
    removed: int = 0
    delivery: Delivery = field(default_factory=Delivery)


def send_alerts(now: datetime | None = None, deliver: bool = True) -> RunReport:
    """Run every step once; safe to run twice at once and after a crash."""
    now = now or utcnow()
    report = RunReport(removed=remove_expired(now))
    report.events, report.matches = match_events(now)
    report.composed = compose_due(now)
    if deliver and current_app.config["SMTP_URL"]:
        report.delivery = deliver_queued(now)
    elif deliver:
        logger.warning("PORTAL_SMTP_URL is not set: alert mails stay in the outbox")
    return report


def match_events(now: datetime) -> tuple[int, int]:
    """Match every new event against the subscriptions; return (events, matches)."""
    events = matches = 0
    while ids := claim(AlertEvent, [AlertEvent.matched_at.is_(None)], now, BATCH):
        for event_id in ids:
            matches += match_event(event_id, now)
            events += 1
    return events, matches


def match_event(event_id: int, now: datetime) -> int:
    """Store the matches of one event and mark it matched, in one commit."""
    event = db.session.get(AlertEvent, event_id)
    record, documents = event_documents(event.entity_type, event.entity_id)
    found = matching_subscriptions(documents, event.id) if record is not None else {}
    if found:
        base = event_item(event, record)
        rows = [
            {"subscription_id": sub_id, "event_id": event.id, "item": with_hits(base, hits)}
            for sub_id, hits in found.items()
        ]
        db.session.execute(insert(AlertMatch.__table__), rows)  # Core: no ORM bookkeeping
    event.matched_at, event.lease_until = now, None
    db.session.commit()
    return len(found)


def event_item(event: AlertEvent, record) -> dict:
    """What a mail says about an event: action, title, link, the note and what changed."""
    revision = event.revision
    return {
        "action": event.action,
        "title": record.title,
        "url": ENTITY_PATHS[event.entity_type] + str(record.id),
        "note": revision.public_note if revision else "",
        "changes": {k: v for k, v in (revision.changes or {}).items() if k != "status"},
    }


def with_hits(item: dict, hits: list) -> dict:
    """The item with the matching documents under it (batches of an announcement …)."""
    titles = [hit.doc.title for hit in hits if hit.doc.doc_type in ("batch", "article")]
    return {**item, "count": len(titles), "hits": titles[:HITS_LISTED]}


def due_subscriptions(now: datetime) -> list:
    """Confirmed subscriptions of active addresses with a mail due now."""
    waiting = exists().where(
        AlertMatch.subscription_id == AlertSubscription.id, AlertMatch.message_id.is_(None)
    )
    active = select(AlertRecipient.id).where(AlertRecipient.suspended_at.is_(None))
    return [
        AlertSubscription.confirmed_at.is_not(None),
        AlertSubscription.recipient_id.in_(active),
        or_(
            and_(AlertSubscription.frequency == Frequency.IMMEDIATE, waiting),
            and_(
                AlertSubscription.frequency != Frequency.IMMEDIATE,
                AlertSubscription.next_digest_at <= now,
            ),
        ),
    ]


def compose_due(now: datetime) -> int:
    """Compose the mail of every due subscription; return how many were composed."""
    composed = 0
    while ids := claim(AlertSubscription, due_subscriptions(now), now, BATCH):
        for subscription_id in ids:
            composed += compose_one(subscription_id, now)
    return composed


def compose_one(subscription_id: int, now: datetime) -> int:
    """Queue one subscription's mail and advance its cursor in the same commit."""
    subscription = db.session.get(AlertSubscription, subscription_id)
    stmt = (
        select(AlertMatch)
        .where(AlertMatch.subscription_id == subscription_id, AlertMatch.message_id.is_(None))
        .order_by(AlertMatch.event_id)
    )
    matches = list(db.session.scalars(stmt))
    if matches:
        message = compose.queue_alert(subscription, matches)
        message.created_at = message.next_attempt_at = now  # due in this very run
        for match in matches:
            match.message_id = message.id
        subscription.last_event_id = max(subscription.last_event_id, matches[-1].event_id)
    subscription.next_digest_at = schedule.next_digest(subscription.frequency, now)
    subscription.lease_until = None
    db.session.commit()
    return 1 if matches else 0


def remove_expired(now: datetime) -> int:
    """Delete unconfirmed subscriptions past their link's life, then addresses left with none,
    and sent mails older than ALERT_KEEP_SENT_DAYS; return how many subscriptions went."""
    config = current_app.config
    cutoff = now - timedelta(days=config["ALERT_CONFIRM_MAX_AGE_DAYS"])
    stale = delete(AlertSubscription).where(
        AlertSubscription.confirmed_at.is_(None), AlertSubscription.created_at < cutoff
    )
    removed = db.session.execute(stale).rowcount
    has_any = exists().where(AlertSubscription.recipient_id == AlertRecipient.id)
    db.session.execute(delete(AlertRecipient).where(~has_any))
    kept = now - timedelta(days=config["ALERT_KEEP_SENT_DAYS"])
    old = delete(AlertMessage).where(
        AlertMessage.status == MessageStatus.SENT, AlertMessage.sent_at < kept
    )
    db.session.execute(old)
    db.session.commit()
    return removed
