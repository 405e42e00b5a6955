"""A one-file upload form shared by the catalogue and regulation screens."""

from flask_wtf.file import FileField, FileRequired, FileSize

from portal.admin.forms import StaffForm

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(StaffForm):
    """One uploaded file (at most 5 MB)."""

    file = FileField(
        "文件",
        validators=[
            FileRequired("请选择要上传的文件。"),
            FileSize(MAX_UPLOAD_BYTES, message="文件不能超过 5 MB。"),
        ],
    )


def show_service_error(form: StaffForm, error) -> None:
    """Put a service's InvalidInputError on the form: the summary, then each row or field."""
    form.form_errors.append(error.detail)
    for where, messages in (error.errors or {}).items():
        for message in messages:
            if message != error.detail:
                form.form_errors.append(f"{where}：{message}" if where != "file" else message)
