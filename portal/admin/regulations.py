"""/admin/regulations/: publishers add a regulation or amend one from an uploaded text file."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.uploads import UploadForm, show_service_error
from portal.errors import InvalidInputError
from portal.models import Role
from portal.queries.regulations import get_regulation
from portal.services.regulations import add_regulation, amend_regulation

bp = Blueprint("regulations", __name__, url_prefix="/regulations")
DASHBOARD_LINK = DashboardLink(
    "admin.regulations.regulation_add",
    _l("法规文本"),
    _l("上传新的法规文本，或上传修订后的新版本。"),
)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.PUBLISHER)
def regulation_add():
    """Publish a new regulation from a Markdown or text file."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            regulation = add_regulation(
                upload.read(), upload.filename, current_user, request.remote_addr
            )
        except InvalidInputError as error:
            show_service_error(form, error)
        else:
            flash(_("已发布《%(title)s》。", title=regulation.title), "success")
            return redirect(url_for("public.regulation_detail", regulation_id=regulation.id))
    status = 422 if form.errors or form.form_errors else 200
    return render_template("admin/regulations/regulation_add.html", form=form), status


@bp.route("/<int:regulation_id>/amend", methods=["GET", "POST"])
@role_required(Role.PUBLISHER)
def regulation_amend(regulation_id: int):
    """Replace a regulation's text with a newer version (the old text stays readable)."""
    regulation = get_regulation(regulation_id)
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            amend_regulation(
                regulation, upload.read(), upload.filename, current_user, request.remote_addr
            )
        except InvalidInputError as error:
            show_service_error(form, error)
        else:
            flash(_("《%(title)s》已更新为新版本。", title=regulation.title), "success")
            return redirect(url_for("public.regulation_detail", regulation_id=regulation.id))
    status = 422 if form.errors or form.form_errors else 200
    page = render_template(
        "admin/regulations/regulation_amend.html", form=form, regulation=regulation
    )
    return page, status
