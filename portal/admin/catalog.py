"""/admin/catalog/: admins see the product catalogue and import it from a CSV file."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.uploads import UploadForm, show_service_error
from portal.errors import InvalidInputError
from portal.models import Role
from portal.queries.categories import all_categories
from portal.services.catalog import import_catalog

bp = Blueprint("catalog", __name__, url_prefix="/catalog")
DASHBOARD_LINK = DashboardLink(
    "admin.catalog.category_list",
    _l("产品目录"),
    _l("导入产品目录 CSV，查看产品类别、产品和检验项目。"),
)


def render_list(form: UploadForm, status: int = 200):
    """The catalogue page with its upload form."""
    page = render_template(
        "admin/catalog/category_list.html", form=form, categories=all_categories()
    )
    return page, status


@bp.get("/")
@role_required(Role.ADMIN)
def category_list():
    """Every category with its products and test items, and the import form."""
    return render_list(UploadForm(formdata=None))


@bp.post("/import")
@role_required(Role.ADMIN)
def catalog_import():
    """Import a catalogue CSV (all rows or nothing; Post/Redirect/Get)."""
    form = UploadForm()
    if not form.validate_on_submit():
        return render_list(form, 422)
    upload = form.file.data
    try:
        result = import_catalog(upload.read(), upload.filename, current_user, request.remote_addr)
    except InvalidInputError as error:
        show_service_error(form, error)
        return render_list(form, 422)
    message = _(
        "目录已导入：新增 %(created)s 类，更新 %(updated)s 类，未变 %(unchanged)s 类。",
        created=len(result.created),
        updated=len(result.updated),
        unchanged=len(result.unchanged),
    )
    flash(message, "success")
    return redirect(url_for("admin.catalog.category_list"))
