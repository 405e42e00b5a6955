"""Rendering alert mails into the outbox (text and HTML), in the caller's transaction."""

import hashlib
from urllib.parse import urlsplit

from flask import current_app, has_request_context, render_template

from portal.alerts import tokens
from portal.extensions import db
from portal.models import AlertMatch, AlertMessage, AlertSubscription, Frequency
from portal.urls import absolute_url, site_base

FIELD_LABELS = {
    "title": "标题",
    "number": "文号",
    "summary": "摘要",
    "body": "正文",
    "issued_on": "发布日期",
    "product_name": "产品名称",
    "models": "型号",
    "defect": "缺陷",
    "hazard": "危害",
    "remedy": "召回措施",
    "announced_on": "发布日期",
    "status": "状态",
}
ACTION_LABELS = {"publish": "新发布", "correct": "更正", "withdraw": "撤回"}
MAX_VALUE = 80


def link(endpoint: str, **values) -> str:
    """An absolute link on SITE_URL, also outside a request (the `alerts send` command)."""
    if has_request_context():
        return absolute_url(endpoint, **values)
    with current_app.test_request_context():
        return absolute_url(endpoint, **values)


def message_id(message: AlertMessage) -> str:
    """A Message-ID fixed by the outbox row, so a resent copy carries the same one."""
    host = urlsplit(site_base()).hostname or "localhost"
    seed = f"{message.id}:{message.recipient_id}:{message.subscription_id}:{message.kind}"
    digest = hashlib.sha256(seed.encode()).hexdigest()[:16]
    return f"<alerts.{message.id}.{digest}@{host}>"


def add_message(subscription, kind: str, subject: str, bodies: tuple, unsubscribe_url=""):
    """Add a rendered mail to the outbox and give it its Message-ID."""
    text, html = bodies
    message = AlertMessage(
        recipient_id=subscription.recipient_id,
        subscription_id=subscription.id,
        kind=kind,
        subject=subject[:300],
        body_text=text,
        body_html=html,
        unsubscribe_url=unsubscribe_url,
    )
    db.session.add(message)
    db.session.flush()
    message.message_id = message_id(message)
    return message


def unsubscribe_token(subscription: AlertSubscription) -> str:
    """The signed one-click unsubscribe token of a subscription."""
    return tokens.make_token("unsubscribe", subscription)


def queue_confirmation(subscription: AlertSubscription) -> AlertMessage:
    """The double opt-in mail: a neutral text and the link; no subscription text at all."""
    site = current_app.config["SITE_NAME"]
    context = {
        "site_name": site,
        "confirm_url": link("alerts.confirm", token=tokens.make_token("confirm", subscription)),
        "days": current_app.config["ALERT_CONFIRM_MAX_AGE_DAYS"],
        "site_url": site_base(),
    }
    bodies = (
        render_template("alerts/mail/confirm.txt", **context),
        render_template("alerts/mail/confirm.html", **context),
    )
    return add_message(subscription, "confirm", f"请确认您在{site}的邮件订阅", bodies)


def item_view(item: dict) -> dict:
    """A stored match item as the mail templates show it."""
    changes = [
        (FIELD_LABELS.get(name, name), short(values[0]), short(values[1]))
        for name, values in (item.get("changes") or {}).items()
    ]
    return {
        **item,
        "action_label": ACTION_LABELS.get(item.get("action"), item.get("action")),
        "link": site_base() + item.get("url", "/"),
        "change_lines": changes,
    }


def short(value) -> str:
    """A changed value cut for a mail line."""
    text = "（空）" if value in (None, "") else str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def queue_alert(subscription: AlertSubscription, matches: list[AlertMatch]) -> AlertMessage:
    """One mail listing what is new, corrected or withdrawn since the last one."""
    site = current_app.config["SITE_NAME"]
    items = [item_view(match.item) for match in matches]
    frequency = Frequency.LABELS[subscription.frequency]
    unsubscribe_url = link("alerts.unsubscribe", token=unsubscribe_token(subscription))
    context = {
        "site_name": site,
        "label": subscription.label,
        "items": items,
        "frequency": frequency,
        "unsubscribe_url": unsubscribe_url,  # one token: the header and the text agree
        "manage_url": link(
            "alerts.manage", token=tokens.make_token("manage", subscription.recipient)
        ),
        "site_url": site_base(),
    }
    bodies = (
        render_template("alerts/mail/alert.txt", **context),
        render_template("alerts/mail/alert.html", **context),
    )
    digest = "" if subscription.frequency == Frequency.IMMEDIATE else f"{frequency}摘要："
    subject = f"【{site}】{digest}{subscription.label}（{len(items)} 条更新）"
    return add_message(subscription, "alert", subject, bodies, unsubscribe_url)
