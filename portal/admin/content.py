"""Staff content screens: drafts, preview, publish, schedule, correct and withdraw.

Editors write drafts; publishers publish, schedule, correct and withdraw (admins do everything).
Every form posts, then redirects (Post/Redirect/Get); errors re-render with what was typed.
"""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.admin import content_forms as forms
from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.errors import InvalidInputError
from portal.models import Announcement, Recall, Regulation, Role
from portal.public.pages import preview_page
from portal.queries.pagination import page_of
from portal.queries.staff_content import STATES, get_staff_record, staff_query, state_counts
from portal.services import publishing

bp = Blueprint("content", __name__, url_prefix="/content")
DASHBOARD_LINK = DashboardLink(
    "admin.content.index",
    _l("信息发布"),
    _l("草稿、预览、发布和定时发布；已发布信息的更正和撤回。"),
)

KINDS = {"announcements": Announcement, "recalls": Recall, "regulations": Regulation}
LABELS = {"announcements": _l("抽查公告"), "recalls": _l("召回公告"), "regulations": _l("法律法规")}
PUBLIC_PAGES = {
    "announcements": ("public.announcement_detail", "announcement_id"),
    "recalls": ("public.recall_detail", "recall_id"),
    "regulations": ("public.regulation_detail", "regulation_id"),
}
STAFF = (Role.EDITOR, Role.PUBLISHER)
NEW_BATCH_ROWS = 3


def model_of(kind: str):
    """The model of a URL kind, or 404."""
    if kind not in KINDS:
        abort(404)
    return KINDS[kind]


def staff_record(kind: str, record_id: int):
    """The record (any status) of a URL kind and id, or 404."""
    return get_staff_record(model_of(kind), record_id)


def public_url(kind: str, record_id: int) -> str:
    """The public page of a record."""
    endpoint, argument = PUBLIC_PAGES[kind]
    return url_for(endpoint, **{argument: record_id})


def failed_post() -> int:
    """Status of a form page: 422 when a submitted form is shown again with its errors."""
    return 422 if request.method == "POST" else 200


def actor() -> tuple:
    """(user, client address) passed to the services."""
    return current_user._get_current_object(), request.remote_addr or ""


@bp.context_processor
def content_globals():
    """Kinds and states for the content templates."""
    return {"kinds": LABELS, "states": STATES}


@bp.get("/")
@role_required(*STAFF)
def index():
    """Start at the announcements."""
    return redirect(url_for(".record_list", kind="announcements"))


@bp.get("/<kind>/")
@role_required(*STAFF)
def record_list(kind: str):
    """Records of one kind in one state (drafts, scheduled, published, withdrawn)."""
    model = model_of(kind)
    state = request.args.get("state", "draft")
    state = state if state in STATES else "draft"
    number = min(max(request.args.get("page", 1, type=int), 1), 10**6)
    page = page_of(staff_query(model, state), number, 20)
    return render_template(
        "admin/content/record_list.html",
        kind=kind,
        state=state,
        page=page,
        counts=state_counts(model),
    )


@bp.route("/<kind>/new", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def new(kind: str):
    """Create a draft from the metadata form."""
    form = metadata_form(kind)
    if form.validate_on_submit():
        try:
            record = publishing.create_draft(model_of(kind), forms.metadata_fields(form), *actor())
        except InvalidInputError as error:
            forms.show_errors(form, error)
        else:
            flash(_("草稿已保存。"), "success")
            return redirect(url_for(".record", kind=kind, record_id=record.id))
    return render_template("admin/content/edit.html", kind=kind, form=form, record=None), (
        failed_post()
    )


@bp.route("/<kind>/<int:record_id>/edit", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def edit(kind: str, record_id: int):
    """Change a draft's metadata."""
    record = staff_record(kind, record_id)
    form = metadata_form(kind, record)
    if form.validate_on_submit():
        try:
            publishing.update_draft(record, forms.metadata_fields(form), *actor())
        except InvalidInputError as error:
            forms.show_errors(form, error)
        else:
            flash(_("草稿已保存。"), "success")
            return redirect(url_for(".record", kind=kind, record_id=record.id))
    return render_template("admin/content/edit.html", kind=kind, form=form, record=record), (
        failed_post()
    )


def metadata_form(kind: str, record=None, correcting: bool = False):
    """The metadata form of a kind (with a public note when correcting), filled from the record."""
    form_class = forms.CORRECTION_FORMS[kind] if correcting else forms.FORMS[kind]
    form = form_class(obj=record)
    if hasattr(form, "category_id"):
        forms.set_category_choices(form)
    if record is not None and "enterprise_code" in form and request.method == "GET":
        form.enterprise_code.data = record.enterprise.credit_code if record.enterprise else ""
    return form


@bp.route("/announcements/<int:record_id>/batches", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def batches(record_id: int):
    """Edit an announcement draft's batch rows in a table: change, delete, add."""
    record = staff_record("announcements", record_id)
    form = batch_form(record)
    if form.validate_on_submit():
        rows, entries = forms.batch_rows(form)
        try:
            publishing.update_draft(record, {"batches": rows}, *actor())
        except InvalidInputError as error:
            forms.show_errors(form, error, entries)
        else:
            flash(_("批次明细已保存。"), "success")
            return redirect(url_for(".batches", record_id=record.id))
    return render_template("admin/content/batches.html", record=record, form=form), failed_post()


def batch_form(record) -> forms.BatchRowsForm:
    """The batch table form: the draft's rows plus empty rows on GET, what was posted on POST."""
    if request.method == "POST":
        return forms.BatchRowsForm()
    rows = [forms.batch_row_data(batch) for batch in record.batches]
    return forms.BatchRowsForm(data={"rows": rows + [{}] * NEW_BATCH_ROWS})


@bp.get("/<kind>/<int:record_id>")
@role_required(*STAFF)
def record(kind: str, record_id: int):
    """A record's state, history of this draft and the actions the user may take."""
    item = staff_record(kind, record_id)
    return render_record(kind, item, forms.PublishForm(), forms.ScheduleForm())


def render_record(kind: str, item, publish_form, schedule_form, status: int = 200):
    """The record page with its two publishing forms."""
    publish_form.seen_edit.data = publish_form.seen_edit.data or seen_stamp(item)
    return render_template(
        "admin/content/record.html",
        kind=kind,
        record=item,
        publish_form=publish_form,
        schedule_form=schedule_form,
        must_explain=item.last_edited_by_id == current_user.id,
        public_url=public_url(kind, item.id),
        can_publish=current_user.has_role(Role.PUBLISHER),
    ), status


def seen_stamp(item) -> str:
    """The draft version the publisher looked at (its last edit time)."""
    return item.last_edited_at.isoformat() if item.last_edited_at else ""


@bp.get("/<kind>/<int:record_id>/preview")
@role_required(*STAFF)
def preview(kind: str, record_id: int):
    """A draft's public page as it will look, with a "草稿预览" banner."""
    item = staff_record(kind, record_id)
    if not item.is_draft:
        return redirect(public_url(kind, record_id))
    return preview_page(item, request.args.get("result") == "不合格")


@bp.post("/<kind>/<int:record_id>/publish")
@role_required(Role.PUBLISHER)
def publish(kind: str, record_id: int):
    """Publish a draft now (the last editor gives a reason)."""
    item = staff_record(kind, record_id)
    form = forms.PublishForm()
    if form.validate_on_submit() and stamp_matches(form, item):
        try:
            publishing.publish_record(item, *actor(), force_reason=form.force_reason.data)
        except InvalidInputError as error:
            forms.show_errors(form, error)
        else:
            flash(_("已发布，公开页面、搜索、订阅和开放数据均已可见。"), "success")
            return redirect(url_for(".record", kind=kind, record_id=record_id))
    return render_record(kind, item, form, forms.ScheduleForm(formdata=None), 422)


def stamp_matches(form, item) -> bool:
    """False (with a message) when the draft changed after the publisher opened it."""
    if form.seen_edit.data == seen_stamp(item):
        return True
    form.form_errors.append(_("草稿在您查看后又被修改过，请重新预览后再发布。"))
    form.seen_edit.data = seen_stamp(item)
    return False


@bp.post("/<kind>/<int:record_id>/schedule")
@role_required(Role.PUBLISHER)
def schedule(kind: str, record_id: int):
    """Set the date and time (Asia/Shanghai) at which a draft goes public."""
    item = staff_record(kind, record_id)
    form = forms.ScheduleForm()
    if form.validate_on_submit() and stamp_matches(form, item):
        try:
            publishing.schedule_record(
                item, form.publish_at.data, *actor(), force_reason=form.force_reason.data
            )
        except InvalidInputError as error:
            forms.show_errors(form, error)
        else:
            flash(_("已设置定时发布。"), "success")
            return redirect(url_for(".record", kind=kind, record_id=record_id))
    return render_record(kind, item, forms.PublishForm(formdata=None), form, 422)


@bp.post("/<kind>/<int:record_id>/unschedule")
@role_required(Role.PUBLISHER)
def unschedule(kind: str, record_id: int):
    """Cancel a scheduled publication."""
    item = staff_record(kind, record_id)  # the CSRF token is checked before any view runs
    try:
        publishing.unschedule_record(item, *actor())
    except InvalidInputError as error:
        flash(error.detail, "error")
    else:
        flash(_("已取消定时发布，这条信息仍是草稿。"), "success")
    return redirect(url_for(".record", kind=kind, record_id=record_id))
