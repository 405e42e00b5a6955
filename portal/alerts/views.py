"""/alerts/: subscribe by e-mail, confirm, manage every subscription of an address, unsubscribe."""

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from portal.alerts import subscriptions as service
from portal.alerts.forms import FREQUENCY_LABELS, ConfirmForm, FrequencyForm, SubscribeForm
from portal.alerts.specs import load_subscription, subscription_label
from portal.alerts.tokens import make_token
from portal.errors import InvalidInputError
from portal.extensions import csrf, limiter
from portal.i18n import current_locale

bp = Blueprint("alerts", __name__, url_prefix="/alerts")


def subscribe_limit() -> str:
    """Subscription requests per client (ALERT_SUBSCRIBE_RATE_LIMIT)."""
    return current_app.config["ALERT_SUBSCRIBE_RATE_LIMIT"]


@bp.after_request
def private(response):
    """Pages with tokens in their address: never stored, indexed or sent on as a Referer."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.app_template_filter("alert_label")
def alert_label(subscription) -> str:
    """What a subscription follows, in the reader's language (`{{ sub|alert_label|zh_runs }}`
    marks the published names in it on English pages)."""
    return subscription_label(subscription)


def feed_args() -> tuple[str, dict]:
    """The followed feed's kind and arguments from the query string."""
    raw = {key: value for key, value in request.args.items() if key != "feed"}
    return request.args.get("feed", ""), raw


@bp.route("/subscribe", methods=["GET", "POST"])
@limiter.limit(subscribe_limit, methods=["POST"])
def subscribe():
    """The subscribe form of any feed; a valid post queues the confirmation mail."""
    feed, raw = feed_args()
    _args, label = load_subscription(feed, raw)
    form = SubscribeForm()
    if form.validate_on_submit():
        try:
            language = current_locale()
            service.request_subscription(form.email.data, feed, raw, form.frequency.data, language)
        except InvalidInputError as error:
            form.email.errors = [*form.email.errors, *error.errors.get("email", [error.detail])]
        else:
            return redirect(url_for(".requested"))
    status = 422 if form.errors else 200
    return render_template("alerts/subscribe.html", form=form, label=label), status


@bp.get("/requested")
def requested():
    """What happens next: the confirmation mail (the address is not shown back)."""
    days = current_app.config["ALERT_CONFIRM_MAX_AGE_DAYS"]
    return render_template("alerts/requested.html", days=days)


@bp.route("/confirm/<token>", methods=["GET", "POST"])
def confirm(token: str):
    """The link of the confirmation mail: a button (mail scanners only open links)."""
    max_age = current_app.config["ALERT_CONFIRM_MAX_AGE_DAYS"] * 86400
    subscription = service.subscription_from_token("confirm", token, max_age)
    form = ConfirmForm()
    if form.validate_on_submit():
        service.confirm_subscription(token)
        flash(_("订阅已确认。有新的信息时，我们会按您选择的频率发邮件给您。"), "success")
        return redirect(url_for(".manage", token=manage_token(subscription)))
    return render_template("alerts/confirm.html", form=form, subscription=subscription)


def manage_token(subscription) -> str:
    """The manage-link token of a subscription's address."""
    return make_token("manage", subscription.recipient)


@bp.get("/manage/<token>")
def manage(token: str):
    """Every subscription of one address, with frequency and unsubscribe buttons."""
    recipient = service.recipient_from_token(token)
    return render_template(
        "alerts/manage.html",
        recipient=recipient,
        token=token,
        frequency_form=FrequencyForm(),
        delete_form=ConfirmForm(),
        labels=FREQUENCY_LABELS,
    )


@bp.post("/manage/<token>/<int:subscription_id>/frequency")
def change_frequency(token: str, subscription_id: int):
    """Change one subscription's frequency."""
    recipient = service.recipient_from_token(token)
    form = FrequencyForm()
    if not form.validate():
        raise InvalidInputError(_("请选择发送频率：即时、每日或每周。"), errors=form.errors)
    service.change_frequency(recipient, subscription_id, form.frequency.data)
    flash(_("发送频率已修改。"), "success")
    return redirect(url_for(".manage", token=token))


@bp.post("/manage/<token>/<int:subscription_id>/delete")
def delete(token: str, subscription_id: int):
    """End one subscription from the manage page."""
    recipient = service.recipient_from_token(token)
    if not ConfirmForm().validate():
        raise InvalidInputError(_("页面已过期，请刷新后重试。"))
    subscription = service.owned_subscription(recipient, subscription_id)
    last = len(recipient.subscriptions) == 1
    service.delete_subscription(subscription)
    if last:
        return render_template("alerts/unsubscribed.html", removed=True, everything=True)
    flash(_("已退订。"), "success")
    return redirect(url_for(".manage", token=token))


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058 one-click: mail clients POST without a form; the signed token suffices
def unsubscribe(token: str):
    """GET: a button; POST (the button or a mail client's one-click): unsubscribe."""
    if request.method == "GET":
        subscription = service.subscription_from_token("unsubscribe", token)
        return render_template("alerts/unsubscribe.html", subscription=subscription)
    removed = service.unsubscribe(token)
    return render_template("alerts/unsubscribed.html", removed=removed, everything=False)
