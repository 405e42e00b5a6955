"""Rendering alert mails into the outbox (text and HTML), in the caller's transaction.

Every mail is in the language its subscription was made in (`AlertSubscription.language`): the
words, the followed query's label and the field names; published titles and notes stay as
published (marked lang="zh-Hans" in English HTML)."""

import hashlib
from urllib.parse import urlsplit

from flask import current_app, has_request_context, render_template
from flask_babel import gettext, ngettext, pgettext

from portal.alerts import tokens
from portal.alerts.specs import subscription_label
from portal.extensions import db
from portal.i18n import N_, in_language, translate
from portal.models import AlertMatch, AlertMessage, AlertSubscription, Frequency
from portal.urls import absolute_url, site_base

FIELD_LABELS = {
    "title": N_("标题"),
    "number": N_("文号"),
    "summary": N_("摘要"),
    "body": N_("正文"),
    "issued_on": N_("发布日期"),
    "product_name": N_("产品名称"),
    "models": N_("型号"),
    "defect": N_("缺陷"),
    "hazard": N_("危害"),
    "remedy": N_("召回措施"),
    "announced_on": N_("发布日期"),
    "status": N_("状态"),
}
EMPTY_VALUE = N_("（空）")
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


def render_mail(name: str, context: dict) -> tuple[str, str]:
    """The text and HTML bodies of a mail template pair."""
    return (
        render_template(f"alerts/mail/{name}.txt", **context),
        render_template(f"alerts/mail/{name}.html", **context),
    )


def queue_confirmation(subscription: AlertSubscription) -> AlertMessage:
    """The double opt-in mail: a neutral text and the link; no subscription text at all."""
    with in_language(subscription.language):
        site = translate(current_app.config["SITE_NAME"])
        context = {
            "site_name": site,
            "confirm_url": link("alerts.confirm", token=tokens.make_token("confirm", subscription)),
            "days": current_app.config["ALERT_CONFIRM_MAX_AGE_DAYS"],
            "site_url": site_base(),
        }
        bodies = render_mail("confirm", context)
        subject = gettext("请确认您在%(site_name)s的邮件订阅", site_name=site)
    return add_message(subscription, "confirm", subject, bodies)


def item_view(item: dict) -> dict:
    """A stored match item as the mail templates show it, in the active language."""
    changes = [
        (translate(FIELD_LABELS.get(name, name)), short(values[0]), short(values[1]))
        for name, values in (item.get("changes") or {}).items()
    ]
    return {
        **item,
        "action_label": action_label(item.get("action")),
        "link": site_base() + item.get("url", "/"),
        "change_lines": changes,
    }


def action_label(action: str) -> str:
    """What happened to an item, as a mail line says it (【新发布】 / [New])."""
    labels = {
        "publish": pgettext("alert action", "新发布"),
        "correct": pgettext("alert action", "更正"),
        "withdraw": pgettext("alert action", "撤回"),
    }
    return labels.get(action, action)


def short(value) -> str:
    """A changed value cut for a mail line."""
    text = translate(EMPTY_VALUE) if value in (None, "") else str(value)
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def queue_alert(subscription: AlertSubscription, matches: list[AlertMatch]) -> AlertMessage:
    """One mail listing what is new, corrected or withdrawn since the last one."""
    unsubscribe_url = link("alerts.unsubscribe", token=unsubscribe_token(subscription))
    with in_language(subscription.language):
        context = alert_context(subscription, matches, unsubscribe_url)
        bodies = render_mail("alert", context)
        subject = alert_subject(subscription, context)
    return add_message(subscription, "alert", subject, bodies, unsubscribe_url)


def alert_context(subscription, matches: list[AlertMatch], unsubscribe_url: str) -> dict:
    """What an alert mail shows, in the active language."""
    return {
        "site_name": translate(current_app.config["SITE_NAME"]),
        "label": subscription_label(subscription),
        "items": [item_view(match.item) for match in matches],
        "frequency": translate(Frequency.LABELS[subscription.frequency]),
        "unsubscribe_url": unsubscribe_url,  # one token: the header and the text agree
        "manage_url": link(
            "alerts.manage", token=tokens.make_token("manage", subscription.recipient)
        ),
        "site_url": site_base(),
    }


def alert_subject(subscription, context: dict) -> str:
    """The subject line: site, digest frequency, label and the number of updates."""
    site, label, frequency = context["site_name"], context["label"], context["frequency"]
    count = len(context["items"])
    if subscription.frequency == Frequency.IMMEDIATE:
        return ngettext(
            "【%(site_name)s】%(label)s（%(num)s 条更新）",
            "【%(site_name)s】%(label)s（%(num)s 条更新）",
            count,
            site_name=site,
            label=label,
        )
    return ngettext(
        "【%(site_name)s】%(frequency)s摘要：%(label)s（%(num)s 条更新）",
        "【%(site_name)s】%(frequency)s摘要：%(label)s（%(num)s 条更新）",
        count,
        site_name=site,
        label=label,
        frequency=frequency,
    )
