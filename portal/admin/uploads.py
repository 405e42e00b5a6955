"""A one-file upload form shared by the catalogue and regulation screens."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired, FileSize

from portal.admin.forms import StaffForm

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(StaffForm):
    """One uploaded file (at most 5 MB)."""

    file = FileField(
        _l("文件"),
        validators=[
            FileRequired(_l("请选择要上传的文件。")),
            FileSize(MAX_UPLOAD_BYTES, message=_l("文件不能超过 5 MB。")),
        ],
    )


def show_service_error(form: StaffForm, error) -> None:
    """Put a service's InvalidInputError on the form: the summary, then each row or field."""
    form.form_errors.append(error.detail)
    for where, messages in (error.errors or {}).items():
        for message in messages:
            if message != error.detail:
                shown = _("%(where)s：%(message)s", where=where, message=message)
                form.form_errors.append(shown if where != "file" else message)
