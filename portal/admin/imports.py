"""/admin/imports/: upload a result table, preview rows, problems and enterprises, confirm."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from sqlalchemy import select
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from portal.admin.access import role_required
from portal.admin.dashboard import DashboardLink
from portal.admin.forms import StaffForm
from portal.admin.import_uploads import StashedUpload, load_upload, parse_codes, stash_upload
from portal.admin.labels import content_choice, lazy
from portal.errors import PortalError
from portal.extensions import db
from portal.i18n import translate
from portal.models import ProductCategory, Role, Scope
from portal.services.importing import ImportMetadata, preview_import, save_import

bp = Blueprint("imports", __name__, url_prefix="/imports")
DASHBOARD_LINK = DashboardLink(
    "admin.imports.upload",
    _l("导入抽查结果"),
    _l("上传承检机构的结果表，预览核对后保存为草稿公告。"),
)
MAX_BYTES = 20 * 1024 * 1024
SHOWN_ROWS = 300


class UploadForm(StaffForm):
    """The result file and the choices that shape its preview."""

    file = FileField(
        _l("结果表文件"),
        validators=[
            FileRequired(_l("请选择文件。")),
            FileAllowed(["xlsx", "xls", "csv"], _l("只支持 XLSX、XLS 和 CSV 文件。")),
            FileSize(MAX_BYTES, message=_l("文件不能超过 20 MB。")),
        ],
    )
    category = SelectField(_l("产品类别"), validators=[Optional()])
    codes = TextAreaField(_l("补充统一社会信用代码"), validators=[Optional(), Length(max=100_000)])


class ConfirmForm(StaffForm):
    """The announcement's metadata; empty fields take the documented defaults."""

    scope = SelectField(
        _l("抽查领域"), choices=[SelectChoice(s, lazy(translate, s)) for s in Scope.ALL]
    )
    number = StringField(_l("公告编号"), validators=[Optional(), Length(max=64)])
    title = StringField(_l("公告标题"), validators=[Optional(), Length(max=256)])
    issued_on = DateField(_l("发布日期"), validators=[Optional()])


@bp.route("/", methods=["GET", "POST"])
@role_required(Role.EDITOR)
def upload():
    """Upload form; a valid upload is kept and the editor is sent to its preview."""
    form = UploadForm()
    form.category.choices = category_choices()
    if form.validate_on_submit():
        data = form.file.data.read()
        stashed = StashedUpload(
            current_user.id, form.file.data.filename or "upload", form.category.data or None
        )
        stashed.credit_codes = parse_codes(form.codes.data)
        return redirect(url_for(".preview", token=stash_upload(data, stashed)))
    return render_template("admin/imports/upload.html", form=form)


@bp.get("/<token>")
@role_required(Role.EDITOR)
def preview(token: str):
    """The parsed rows, every problem and each enterprise's match; the confirm form."""
    data, stashed = load_upload(token, current_user.id)
    result = preview_import(data, stashed.filename, stashed.category_code, stashed.credit_codes)
    return render_template(
        "admin/imports/preview.html",
        preview=result,
        rows=result.rows[:SHOWN_ROWS],
        form=ConfirmForm(),
        token=token,
    )


@bp.post("/<token>/confirm")
@role_required(Role.EDITOR)
def confirm(token: str):
    """Save the previewed file as a draft announcement (all or nothing)."""
    data, stashed = load_upload(token, current_user.id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        problems = _("；").join(str(message) for message in sum(form.errors.values(), []))
        flash(_("公告信息有误：%(problems)s", problems=problems), "error")
        return redirect(url_for(".preview", token=token))
    result = preview_import(data, stashed.filename, stashed.category_code, stashed.credit_codes)
    metadata = ImportMetadata(number=form.number.data, title=form.title.data, scope=form.scope.data)
    metadata.issued_on = form.issued_on.data
    try:
        saved = save_import(result, metadata, current_user, request.remote_addr or "")
    except PortalError as error:
        problems = _("；").join(str(message) for message in sum(error.errors.values(), []))
        flash(_("未保存：%(detail)s %(problems)s", detail=error.detail, problems=problems), "error")
        return redirect(url_for(".preview", token=token))
    message = _(
        "已保存为草稿公告（id %(id)s，编号 %(number)s），待发布员审核发布。",
        id=saved.id,
        number=saved.number,
    )
    flash(message, "success")
    return redirect(url_for(".upload"))


def category_choices() -> list[tuple[str, str]]:
    """Category choices, with "from the title" first."""
    categories = db.session.scalars(select(ProductCategory).order_by(ProductCategory.code))
    choices = [content_choice(c.code, f"{c.code} {c.name}") for c in categories]
    return [SelectChoice("", _("按表格标题判断")), *choices]
