"""Read side of e-mail alerts for staff: the queue, failures and suspended addresses."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    AlertEvent,
    AlertMessage,
    AlertRecipient,
    AlertSubscription,
    MessageStatus,
)

RECENT_FAILURES = 50


@dataclass(frozen=True)
class AlertOverview:
    """Counts an admin needs to see whether alerts flow."""

    confirmed: int
    unconfirmed: int
    recipients: int
    suspended: int
    events_waiting: int
    queued: int
    retrying: int
    sent: int
    failed: int


@dataclass(frozen=True)
class FailedMail:
    """A mail that failed or waits for a retry, with the address masked."""

    id: int
    kind: str
    masked_address: str
    status: str
    attempts: int
    last_error: str
    next_attempt_at: datetime
    created_at: datetime


def count(stmt) -> int:
    """The scalar count of a statement."""
    return db.session.scalar(stmt) or 0


def alert_overview() -> AlertOverview:
    """Subscriptions, addresses, events waiting for matching and the outbox by state."""
    subs = select(func.count(AlertSubscription.id))
    messages = select(func.count(AlertMessage.id))
    queued = messages.where(AlertMessage.status == MessageStatus.QUEUED)
    return AlertOverview(
        confirmed=count(subs.where(AlertSubscription.confirmed_at.is_not(None))),
        unconfirmed=count(subs.where(AlertSubscription.confirmed_at.is_(None))),
        recipients=count(select(func.count(AlertRecipient.id))),
        suspended=count(
            select(func.count(AlertRecipient.id)).where(AlertRecipient.suspended_at.is_not(None))
        ),
        events_waiting=count(
            select(func.count(AlertEvent.id)).where(AlertEvent.matched_at.is_(None))
        ),
        queued=count(queued.where(AlertMessage.attempts == 0)),
        retrying=count(queued.where(AlertMessage.attempts > 0)),
        sent=count(messages.where(AlertMessage.status == MessageStatus.SENT)),
        failed=count(messages.where(AlertMessage.status == MessageStatus.FAILED)),
    )


def mask_address(address: str) -> str:
    """z***@e***.com: enough to tell addresses apart in a list, not to write to one."""
    local, _, domain = address.rpartition("@")
    host, dot, tld = domain.rpartition(".")
    host = host or tld
    return f"{local[:1]}***@{host[:1]}***{dot}{tld if dot else ''}"


def failing_mails() -> list[FailedMail]:
    """The newest failed mails and mails waiting for a retry."""
    stmt = (
        select(AlertMessage, AlertRecipient.email)
        .join(AlertRecipient, AlertRecipient.id == AlertMessage.recipient_id)
        .where(AlertMessage.last_error != "", AlertMessage.status != MessageStatus.SENT)
        .order_by(AlertMessage.id.desc())
        .limit(RECENT_FAILURES)
    )
    return [
        FailedMail(
            message.id,
            message.kind,
            mask_address(email),
            message.status,
            message.attempts,
            message.last_error,
            message.next_attempt_at,
            message.created_at,
        )
        for message, email in db.session.execute(stmt)
    ]
