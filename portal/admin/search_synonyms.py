"""/admin/search-synonyms/: admins edit the synonym groups the search applies at query time."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.forms import StaffForm
from portal.errors import InvalidInputError
from portal.models import Role
from portal.services import search_synonyms as service

bp = Blueprint("search_synonyms", __name__, url_prefix="/search-synonyms")
DASHBOARD_LINK = DashboardLink(
    "admin.search_synonyms.group_list",
    _l("搜索同义词"),
    _l("日常叫法与目录名称互相搜索（如 电瓶车 与 电动自行车），修改后立即生效。"),
)


class GroupForm(StaffForm):
    """One synonym group: words separated by spaces or 、."""

    words = StringField(
        _l("同义词（空格或顿号分隔，第一个为目录名称）"),
        validators=[DataRequired(), Length(max=400)],
    )


class DeleteForm(StaffForm):
    """A bare form: only its CSRF token."""


def render_list(form: GroupForm, status: int = 200):
    """The groups with an edit form each and the form for a new group."""
    groups = service.stored_groups()
    edit_forms = {group.id: GroupForm(formdata=None, words=group.words) for group in groups}
    page = render_template(
        "admin/search/synonym_list.html",
        groups=groups,
        form=form,
        edit_forms=edit_forms,
        delete_form=DeleteForm(formdata=None),
    )
    return page, status


@bp.get("/")
@role_required(Role.ADMIN)
def group_list():
    """Every synonym group and the form for a new one."""
    return render_list(GroupForm(formdata=None))


@bp.post("/")
@role_required(Role.ADMIN)
def group_add():
    """Add a group (Post/Redirect/Get)."""
    form = GroupForm()
    if not form.validate_on_submit():
        return render_list(form, 422)
    try:
        service.add_group(form.words.data, current_user, request.remote_addr)
    except InvalidInputError as error:
        form.words.errors = list(error.errors.get("words", [str(error)]))
        return render_list(form, 422)
    flash(_("同义词已添加，搜索立即生效。"), "success")
    return redirect(url_for("admin.search_synonyms.group_list"))


@bp.post("/<int:group_id>")
@role_required(Role.ADMIN)
def group_edit(group_id: int):
    """Replace a group's words (Post/Redirect/Get)."""
    form = GroupForm()
    if not form.validate_on_submit():
        return render_list(form, 422)
    try:
        service.edit_group(group_id, form.words.data, current_user, request.remote_addr)
    except InvalidInputError as error:
        form.words.errors = list(error.errors.get("words", [str(error)]))
        return render_list(form, 422)
    flash(_("同义词已保存，搜索立即生效。"), "success")
    return redirect(url_for("admin.search_synonyms.group_list"))


@bp.post("/<int:group_id>/delete")
@role_required(Role.ADMIN)
def group_delete(group_id: int):
    """Remove a group (Post/Redirect/Get)."""
    if not DeleteForm().validate_on_submit():
        return render_list(GroupForm(formdata=None), 400)
    service.delete_group(group_id, current_user, request.remote_addr)
    flash(_("同义词已删除。"), "success")
    return redirect(url_for("admin.search_synonyms.group_list"))
