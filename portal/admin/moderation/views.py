"""Views of the moderation queue: list, detail, one POST per action, staff-only photos."""

from flask import Blueprint, flash, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms.fields.choices import SelectChoice

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.labels import content_choice
from portal.admin.moderation import forms
from portal.errors import InvalidInputError, NotFoundError
from portal.models import Role
from portal.queries import moderation as queries
from portal.queries.categories import all_categories
from portal.queries.pagination import page_of
from portal.services import moderation
from portal.services.photos import photo_path

bp = Blueprint("moderation", __name__, url_prefix="/moderation")
DASHBOARD_LINK = DashboardLink(
    "admin.moderation.queue", _l("投诉建议"), _l("阅读、分类、合并、答复市民的投诉和建议。")
)
PER_PAGE = 30


def detail_forms(submission) -> dict:
    """The action forms of a submission, filled with its current values."""
    classify = forms.ClassifyForm(formdata=None, obj=submission)
    status = forms.StatusForm(formdata=None, status=submission.status)
    reply = forms.ReplyForm(formdata=None, reply=submission.public_reply)
    spam = forms.SpamForm(formdata=None, is_spam=not submission.is_spam)
    plan = forms.PlanItemForm(formdata=None, plan_item_id=submission.plan_item_id)
    merge = forms.MergeForm(formdata=None)
    return {
        "classify": classify,
        "status": status,
        "reply": reply,
        "spam": spam,
        "plan": plan,
        "merge": merge,
    }


def set_choices(form_set: dict) -> None:
    """Fill the category and plan-item selects."""
    categories = [SelectChoice("", _("未分类"))] + [
        content_choice(c.id, c.name) for c in all_categories()
    ]
    form_set["classify"].category_id.choices = categories
    items = [
        content_choice(i.id, _("%(year)s 年 · %(category)s", year=i.year, category=i.category.name))
        for i in queries.plan_item_choices()
    ]
    form_set["plan"].plan_item_id.choices = [SelectChoice("", _("不关联")), *items]


def render_detail(submission, code: int = 200, **failed):
    """The submission page with its forms (a failed one keeps its input and errors)."""
    form_set = {**detail_forms(submission), **failed}
    set_choices(form_set)
    page = render_template(
        "admin/moderation/detail.html",
        submission=submission,
        forms=form_set,
        merged=queries.merged_submissions(submission),
        kind_labels=forms.KIND_LABELS,
    )
    return page, code


@bp.get("/")
@role_required(Role.MODERATOR)
def queue():
    """Submissions, newest first, filtered by kind, status and spam."""
    form = forms.QueueFilterForm(formdata=request.args)
    page = None
    if form.validate():
        stmt = queries.moderation_queue(form.kind.data, form.status.data, form.spam.data)
        page = page_of(stmt, form.page.data or 1, PER_PAGE)
    page_html = render_template(
        "admin/moderation/queue.html", form=form, page=page, kind_labels=forms.KIND_LABELS
    )
    return page_html, 200 if page is not None else 422


@bp.get("/<int:submission_id>")
@role_required(Role.MODERATOR)
def detail(submission_id: int):
    """Everything about one submission, contacts and photos included, with the actions."""
    return render_detail(queries.get_submission(submission_id))


def show_errors(form, error: InvalidInputError) -> None:
    """Attach a service error to its fields, or to the form as a whole."""
    for field, messages in error.errors.items():
        (form[field].errors if field in form else form.form_errors).extend(messages)
    if not error.errors:
        form.form_errors.append(error.detail)


def act(submission_id: int, name: str, form_class, apply, done: str):
    """Validate one action form, run its service, flash and redirect, or re-render with errors."""
    submission = queries.get_submission(submission_id)
    form = form_class()
    if name in ("classify", "plan"):
        set_choices({**detail_forms(submission), name: form})
    if form.validate_on_submit():
        try:
            apply(submission, form)
        except InvalidInputError as error:
            show_errors(form, error)
        else:
            flash(done, "success")
            return redirect(url_for("admin.moderation.detail", submission_id=submission.id))
    return render_detail(submission, 422, **{name: form})


@bp.post("/<int:submission_id>/classify")
@role_required(Role.MODERATOR)
def classify(submission_id: int):
    """Set category, kind and publication."""

    def apply(submission, form):
        moderation.classify_submission(
            current_user,
            submission,
            form.category_id.data,
            form.kind.data,
            form.is_public.data,
            request.remote_addr,
        )

    return act(submission_id, "classify", forms.ClassifyForm, apply, _("已保存分类。"))


@bp.post("/<int:submission_id>/status")
@role_required(Role.MODERATOR)
def status(submission_id: int):
    """Change the status with a public note."""

    def apply(submission, form):
        moderation.change_status(
            current_user, submission, form.status.data, form.note.data, request.remote_addr
        )

    return act(submission_id, "status", forms.StatusForm, apply, _("已更新办理状态。"))


@bp.post("/<int:submission_id>/reply")
@role_required(Role.MODERATOR)
def reply(submission_id: int):
    """Write the public reply."""

    def apply(submission, form):
        moderation.write_reply(current_user, submission, form.reply.data, request.remote_addr)

    return act(submission_id, "reply", forms.ReplyForm, apply, _("已保存公开答复。"))


@bp.post("/<int:submission_id>/spam")
@role_required(Role.MODERATOR)
def spam(submission_id: int):
    """Mark or unmark as spam."""

    def apply(submission, form):
        moderation.mark_spam(current_user, submission, form.is_spam.data, request.remote_addr)

    return act(submission_id, "spam", forms.SpamForm, apply, _("已更新垃圾信息标记。"))


@bp.post("/<int:submission_id>/merge")
@role_required(Role.MODERATOR)
def merge(submission_id: int):
    """Merge a duplicate into another submission."""

    def apply(submission, form):
        moderation.merge_submission(current_user, submission, form.target.data, request.remote_addr)

    return act(submission_id, "merge", forms.MergeForm, apply, _("已合并，支持者已转入目标件。"))


@bp.post("/<int:submission_id>/plan-item")
@role_required(Role.MODERATOR)
def plan_item(submission_id: int):
    """Link a suggestion to a plan item."""

    def apply(submission, form):
        moderation.link_plan_item(
            current_user, submission, form.plan_item_id.data, request.remote_addr
        )

    return act(submission_id, "plan", forms.PlanItemForm, apply, _("已更新关联的抽查计划。"))


@bp.get("/photos/<int:photo_id>")
@role_required(Role.MODERATOR)
def photo(photo_id: int):
    """A complaint photo, for moderators only, never cached."""
    path = photo_path(queries.get_photo(photo_id))
    if not path.is_file():
        raise NotFoundError(_("照片文件不存在。"))
    return send_file(path, mimetype="image/jpeg", max_age=0, conditional=False)
