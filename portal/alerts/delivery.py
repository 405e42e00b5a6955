"""Sending the outbox: claim queued mails, send each, mark it sent in its own commit.

A mail is marked sent right after the server accepted it. A crash between the server's answer
and that commit is the one remaining window: the mail is sent again after its lease ends, with
the same Message-ID (mail systems that deduplicate by it drop the copy).
"""

import contextlib
import logging
import smtplib
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app

from portal.alerts import smtp
from portal.alerts.claims import claim
from portal.extensions import db
from portal.models import AlertMessage, MessageStatus

logger = logging.getLogger(__name__)

TRANSIENT = (smtplib.SMTPException, OSError)
BATCH = 100


@dataclass
class Delivery:
    """What one run of the outbox did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    suspended: list[int] = field(default_factory=list)


class Connection:
    """One SMTP connection per run, opened on first use and reopened after a failure."""

    def __init__(self, url: str):
        self.url, self.smtp = url, None

    def send(self, mail, to_address: str) -> None:
        """Send one message to one address."""
        if self.smtp is None:
            self.smtp = smtp.connect(self.url)
        self.smtp.send_message(mail, to_addrs=[to_address])

    def reset(self) -> None:
        """Drop the connection (after an error its state is unknown)."""
        if self.smtp is not None:
            try:
                self.smtp.close()
            finally:
                self.smtp = None

    def close(self) -> None:
        """Say goodbye to the server."""
        if self.smtp is not None:
            with contextlib.suppress(TRANSIENT):
                self.smtp.quit()
            self.smtp = None


def deliver_queued(now: datetime) -> Delivery:
    """Send every queued mail that is due, claimed so that no other run sends it too."""
    report = Delivery()
    connection = Connection(current_app.config["SMTP_URL"])
    try:
        while ids := claim(AlertMessage, due_conditions(now), now, BATCH):
            for message_id in ids:
                deliver_one(connection, message_id, now, report)
    finally:
        connection.close()
    return report


def due_conditions(now: datetime) -> list:
    """Queued mails whose (next) attempt is due."""
    return [AlertMessage.status == MessageStatus.QUEUED, AlertMessage.next_attempt_at <= now]


def deliver_one(connection: Connection, message_id: int, now: datetime, report: Delivery) -> None:
    """Send one claimed mail and record the outcome."""
    message = db.session.get(AlertMessage, message_id)
    recipient = message.recipient
    if recipient.is_suspended and message.kind != "confirm":
        finish(message, MessageStatus.FAILED, "地址已暂停（此前被退信）")
        report.failed += 1
        return
    try:
        connection.send(smtp.build_email(message, recipient.email), recipient.email)
    except TRANSIENT as error:
        connection.reset()
        failed(message, error, now, report)
        return
    message.sent_at = now
    finish(message, MessageStatus.SENT, "")
    report.sent += 1


def failed(message: AlertMessage, error: Exception, now: datetime, report: Delivery) -> None:
    """Retry later with back-off, or give up; a permanent refusal suspends the address."""
    code, text = smtp.refusal(error, message.recipient.email)
    message.attempts += 1
    detail = f"{code} {text}".strip()[:200]
    if smtp.is_bounce(error, code):
        recipient = message.recipient
        recipient.suspended_at, recipient.suspended_reason = now, detail
        report.suspended.append(recipient.id)
        finish(message, MessageStatus.FAILED, detail)
        report.failed += 1
    elif code >= 500 or message.attempts >= current_app.config["ALERT_MAX_ATTEMPTS"]:
        finish(message, MessageStatus.FAILED, detail)
        report.failed += 1
    else:
        delay = current_app.config["ALERT_RETRY_SECONDS"] * 2 ** (message.attempts - 1)
        message.next_attempt_at = now + timedelta(seconds=delay)
        finish(message, MessageStatus.QUEUED, detail)
        report.retried += 1
    logger.warning("Alert mail %s not sent: %s", message.id, detail)


def finish(message: AlertMessage, status: str, error: str) -> None:
    """Record a mail's state and end the claim in one commit."""
    message.status, message.last_error, message.lease_until = status, error, None
    db.session.commit()
