"""Subscribing, confirming, changing and ending subscriptions (the alerts' write services).

An address is stored only while it holds a subscription: the last one to go takes the address
with it. A request only queues a confirmation mail; nothing else is ever sent to an address
before the link in that mail is followed.
"""

import logging
import secrets
from datetime import datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.alerts import compose, schedule, tokens
from portal.alerts.matching import anchor_key, prepared
from portal.alerts.specs import load_subscription, spec_key, spec_of
from portal.errors import InvalidInputError, NotFoundError
from portal.extensions import db
from portal.i18n import DEFAULT_LOCALE, LOCALES, in_language
from portal.models import AlertEvent, AlertRecipient, AlertSubscription, Frequency, utcnow

logger = logging.getLogger(__name__)


def normalised_email(text: str) -> str:
    """The address in its normal form, or InvalidInputError (no DNS look-up)."""
    try:
        return validate_email((text or "").strip(), check_deliverability=False).normalized
    except EmailNotValidError:
        message = _("请填写有效的电子邮件地址。")
        raise InvalidInputError(message, errors={"email": [message]}) from None


def check_frequency(frequency: str) -> str:
    """A known frequency, or InvalidInputError."""
    if frequency not in Frequency.ALL:
        message = _("请选择发送频率：即时、每日或每周。")
        raise InvalidInputError(message, errors={"frequency": [message]})
    return frequency


def request_subscription(
    email: str, feed: str, raw_args: dict, frequency: str, language=DEFAULT_LOCALE, now=None
):
    """Store a pending subscription and queue its confirmation mail in `language` (the
    page's); None when the address has asked too often lately (nothing is stored or sent)."""
    request = (email, feed, raw_args, frequency, language)
    try:
        return store_request(*request, now or utcnow())
    except IntegrityError:  # the same address or query stored by a parallel request: retry
        db.session.rollback()
        return store_request(*request, now or utcnow())


def store_request(email, feed, raw_args: dict, frequency: str, language: str, now: datetime):
    """request_subscription() in one transaction."""
    address, frequency = normalised_email(email), check_frequency(frequency)
    with in_language(DEFAULT_LOCALE):  # the stored label is the Chinese one
        args, label = load_subscription(feed, raw_args)
    recipient = recipient_for(address, now)
    if not count_request(recipient, now):
        db.session.rollback()
        logger.info("Alert confirmation refused: too many requests for one address")
        return None
    subscription = pending_subscription(recipient, feed, args, label)
    if not subscription.is_confirmed:
        subscription.frequency = frequency
        subscription.language = language if language in LOCALES else DEFAULT_LOCALE
        db.session.flush()
        compose.queue_confirmation(subscription)
    db.session.commit()
    return subscription


def recipient_for(address: str, now: datetime) -> AlertRecipient:
    """The stored recipient of an address, created when new."""
    recipient = db.session.scalar(select(AlertRecipient).where(AlertRecipient.email == address))
    if recipient is None:
        recipient = AlertRecipient(email=address, secret=secrets.token_hex(8))
        recipient.window_started_at, recipient.requests_in_window = now, 0
        db.session.add(recipient)
    return recipient


def count_request(recipient: AlertRecipient, now: datetime) -> bool:
    """Count a confirmation request of the address; False beyond its allowance."""
    window = timedelta(hours=current_app.config["ALERT_ADDRESS_WINDOW_HOURS"])
    if recipient.window_started_at is None or now - recipient.window_started_at > window:
        recipient.window_started_at, recipient.requests_in_window = now, 0
    if (recipient.requests_in_window or 0) >= current_app.config["ALERT_REQUESTS_PER_ADDRESS"]:
        return False
    recipient.requests_in_window = (recipient.requests_in_window or 0) + 1
    return True


def pending_subscription(recipient, feed: str, args: dict, label: str) -> AlertSubscription:
    """The address's subscription to this query, created (unconfirmed) when new."""
    key = spec_key(feed, args)
    for subscription in recipient.subscriptions:
        if subscription.spec_key == key:
            return subscription
    subscription = AlertSubscription(kind=feed, args=args, spec_key=key, label=label[:300])
    subscription.secret = secrets.token_hex(8)
    subscription.anchor_key = anchor_key(prepared(spec_of(feed, args)))
    recipient.subscriptions.append(subscription)
    return subscription


def subscription_from_token(purpose: str, token: str, max_age=None) -> AlertSubscription:
    """The subscription a signed token names, or NotFoundError."""
    row_id, secret = tokens.read_token(purpose, token, max_age)
    subscription = db.session.get(AlertSubscription, row_id)
    if subscription is None or not secrets.compare_digest(subscription.secret, secret):
        raise NotFoundError(_(tokens.INVALID))
    return subscription


def confirm_subscription(token: str, now=None) -> AlertSubscription:
    """Confirm the subscription of a confirmation link; events from now on are mailed."""
    max_age = current_app.config["ALERT_CONFIRM_MAX_AGE_DAYS"] * 86400
    subscription = subscription_from_token("confirm", token, max_age)
    if subscription.is_confirmed:
        return subscription
    now = now or utcnow()
    newest = db.session.scalar(select(func.max(AlertEvent.id))) or 0
    subscription.confirmed_at = now
    subscription.start_event_id = subscription.last_event_id = newest
    subscription.next_digest_at = schedule.next_digest(subscription.frequency, now)
    subscription.recipient.suspended_at, subscription.recipient.suspended_reason = None, ""
    db.session.commit()
    logger.info("Alert subscription %s confirmed", subscription.id)
    return subscription


def recipient_from_token(token: str) -> AlertRecipient:
    """The recipient of a manage link, or NotFoundError."""
    row_id, secret = tokens.read_token("manage", token)
    recipient = db.session.get(AlertRecipient, row_id)
    if recipient is None or not secrets.compare_digest(recipient.secret, secret):
        raise NotFoundError(_(tokens.INVALID))
    return recipient


def owned_subscription(recipient: AlertRecipient, subscription_id: int) -> AlertSubscription:
    """One of the recipient's subscriptions, or NotFoundError."""
    for subscription in recipient.subscriptions:
        if subscription.id == subscription_id:
            return subscription
    raise NotFoundError(_("没有找到这项订阅，它可能已经退订。"))


def change_frequency(recipient, subscription_id: int, frequency: str, now=None) -> None:
    """Change how often one of the recipient's subscriptions is mailed."""
    subscription = owned_subscription(recipient, subscription_id)
    subscription.frequency = check_frequency(frequency)
    subscription.next_digest_at = schedule.next_digest(frequency, now or utcnow())
    db.session.commit()


def delete_subscription(subscription: AlertSubscription) -> None:
    """End a subscription; the address goes with its last subscription."""
    recipient = subscription.recipient
    recipient.subscriptions.remove(subscription)
    db.session.delete(subscription)
    if not recipient.subscriptions:
        db.session.delete(recipient)
    db.session.commit()
    logger.info("Alert subscription deleted")


def unsubscribe(token: str) -> bool:
    """One-click unsubscribe by a signed link; False when it was already gone."""
    try:
        subscription = subscription_from_token("unsubscribe", token)
    except NotFoundError:
        tokens.read_token("unsubscribe", token)  # a forged token stays an error
        return False
    delete_subscription(subscription)
    return True
