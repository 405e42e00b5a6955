"""/participate/: complaint and suggestion forms, the receipt, and the tracking page."""

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _

from portal.errors import InvalidInputError
from portal.extensions import limiter
from portal.participation.forms import ComplaintForm, SuggestionForm, SupportForm, TrackForm
from portal.participation.steps import (
    category_choices,
    form_fields,
    render_form,
    show_errors,
    suggestion_step,
    uploaded_photos,
)
from portal.queries.submissions import (
    is_known_number_form,
    suggestion_results,
    tracked_submission,
)
from portal.services import submissions
from portal.tracking_number import normalise_tracking_number

bp = Blueprint("participation", __name__, url_prefix="/participate")
RECEIPT = "participation_receipt"
# Suggestions this browser supported (signed session cookie; clearing cookies resets it, so the
# per-client write limit is the real bound).
SUPPORTED = "participation_supported"
SUPPORTED_KEPT = 200


def write_limit() -> str:
    """Submissions and support per client (PARTICIPATION_RATE_LIMIT)."""
    return current_app.config["PARTICIPATION_RATE_LIMIT"]


def track_limit() -> str:
    """Tracking-page look-ups per client (TRACK_RATE_LIMIT)."""
    return current_app.config["TRACK_RATE_LIMIT"]


writes = limiter.shared_limit(write_limit, scope="participation-write", methods=["POST"])


@bp.url_value_preprocessor
def bound_request_size(_endpoint, _values) -> None:
    """Cap the body before anything (the CSRF check included) parses it."""
    request.max_content_length = current_app.config["PARTICIPATION_MAX_REQUEST_BYTES"]


@bp.after_request
def never_store(response):
    """Pages with forms, receipts or timelines are never cached by browsers or proxies."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/")
def landing():
    """What citizens can do here, and who sees what they write."""
    return render_template("participation/landing.html")


@bp.route("/complaint", methods=["GET", "POST"])
@writes
def complaint():
    """投诉举报 (Post/Redirect/Get)."""
    form = ComplaintForm()
    form.category_id.choices = category_choices()
    if form.validate_on_submit():
        try:
            receipt = submissions.submit_complaint(
                form_fields(form), uploaded_photos(form), form.submission_key.data
            )
        except InvalidInputError as error:
            show_errors(form, error)
        else:
            return remember_receipt(receipt)
    return render_form("participation/complaint.html", form)


@bp.route("/suggestion", methods=["GET", "POST"])
@writes
def suggestion():
    """建议: a second step lists similar suggestions and plan items before the final submit."""
    form = SuggestionForm()
    form.category_id.choices = category_choices()
    if not form.validate_on_submit():
        return render_form("participation/suggestion.html", form)
    similar = suggestion_step(form)
    if similar is not None:
        return render_form("participation/suggestion.html", form, similar=similar, status=200)
    receipt = submissions.submit_suggestion(form_fields(form), form.submission_key.data)
    return remember_receipt(receipt)


def remember_receipt(receipt: submissions.Receipt):
    """Keep the receipt for one showing and redirect to it."""
    session[RECEIPT] = [receipt.tracking_number, receipt.access_code, receipt.resent]
    return redirect(url_for("participation.receipt"), code=303)


@bp.get("/receipt")
def receipt():
    """The tracking number and the access code, shown once."""
    shown = session.pop(RECEIPT, None)
    if not shown:
        flash(_("回执只显示一次。请用受理编号和查询码查询办理进度。"), "info")
        return redirect(url_for("participation.track"))
    number, code, *resent = shown
    return render_template(
        "participation/receipt.html", number=number, code=code, resent=any(resent)
    )


@bp.route("/track", methods=["GET", "POST"])
@limiter.limit(track_limit, methods=["POST"])
def track():
    """The status timeline and public reply of one submission, for its number and code."""
    form, submission = TrackForm(), None
    if form.validate_on_submit():
        number = normalise_tracking_number(form.tracking_number.data)
        if not is_known_number_form(number):
            form.tracking_number.errors.append(
                _("受理编号格式不正确或校验位不符，请核对后重新输入。")
            )
        else:
            submission = tracked_submission(number, form.access_code.data)
            if submission is None:
                form.form_errors.append(_("受理编号或查询码不正确。"))
    results = suggestion_results(submission) if submission else None
    page = render_template(
        "participation/track.html", form=form, submission=submission, results=results
    )
    return page, 422 if form.errors else 200


@bp.post("/suggestions/<int:submission_id>/support")
@writes
def support(submission_id: int):
    """ "我也想查这个": one more supporter for a published suggestion."""
    form = SupportForm()
    if not form.validate_on_submit():
        flash(_("提交未通过检查，请返回页面刷新后重试。"), "error")
        return redirect(url_for("participation.suggestion"), code=303)
    supported = session.get(SUPPORTED, [])
    if submission_id in supported:
        flash(_("您已经支持过这条建议，谢谢。"), "info")
        return redirect(url_for("participation.landing"), code=303)
    target = submissions.support_suggestion(submission_id)
    session[SUPPORTED] = [*supported, submission_id][-SUPPORTED_KEPT:]
    thanks = _(
        "谢谢！已为建议“%(product)s”增加一位支持者（共 %(count)s 位）。",
        product=target.product_name,
        count=target.supporters,
    )
    flash(thanks, "success")
    return redirect(url_for("participation.landing"), code=303)
