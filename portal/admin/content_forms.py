"""Forms of the content screens: draft metadata, batch rows, publish, schedule, correct, withdraw.

The forms only parse what was typed (dates, numbers, codes); the publishing services validate the
content and their field errors are shown next to the fields (`show_errors`).
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from portal.admin.forms import DateInputField, DateTimeInputField, StaffForm
from portal.admin.labels import content_choice, lazy
from portal.i18n import translate
from portal.models import RecallKind, RecallType, RegulationLevel, RegulationStatus, Result, Scope
from portal.queries.categories import all_categories
from portal.queries.staff_content import enterprise_id_by_code


class CnDateField(DateInputField):
    """A date field (年-月-日) with a Chinese parse error."""

    def process_formdata(self, valuelist):
        """Parse the date or explain the expected format."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("日期格式应为 年-月-日，例如 2026-06-01。")) from error


class CnIntegerField(IntegerField):
    """A whole-number field with a Chinese parse error."""

    def process_formdata(self, valuelist):
        """Parse the number or explain."""
        try:
            super().process_formdata(valuelist)
        except ValueError as error:
            raise ValueError(_("请填写整数。")) from error


def optional_int(value):
    """Select values: '' is None, digits an id, anything else an id that does not exist."""
    if value in ("", None):
        return None
    return int(value) if str(value).isdigit() and len(str(value)) < 10 else 0


def choices(values) -> list[SelectChoice]:
    """Select choices of plain values, with an empty first choice."""
    return [SelectChoice("", _l("请选择"))] + [SelectChoice(v, lazy(translate, v)) for v in values]


def category_select(label: str) -> SelectField:
    """A product-category select (choices are filled in per request)."""
    return SelectField(label, coerce=optional_int, validate_choice=False)


def set_category_choices(form) -> None:
    """Fill the category select with every category."""
    options = [content_choice(c.id, f"{c.code} {c.name}") for c in all_categories()]
    form.category_id.choices = [SelectChoice("", _("请选择")), *options]


class AnnouncementForm(StaffForm):
    """Metadata of a spot-check announcement (batch rows have their own screen)."""

    number = StringField(_l("公告编号"))
    title = StringField(_l("标题"))
    category_id = category_select(_l("产品类别"))
    scope = SelectField(_l("抽查环节"), choices=choices(Scope.ALL), validate_choice=False)
    period_start_on = CnDateField(_l("抽查开始日期"), validators=[Optional()])
    period_end_on = CnDateField(_l("抽查结束日期"), validators=[Optional()])
    issued_on = CnDateField(_l("发布日期"), validators=[Optional()])
    summary = TextAreaField(_l("摘要"))
    body = TextAreaField(_l("正文"))


class RecallForm(StaffForm):
    """Metadata of a recall notice."""

    number = StringField(_l("召回编号"))
    title = StringField(_l("标题"))
    recall_type = SelectField(
        _l("召回方式"), choices=choices(RecallType.ALL), validate_choice=False
    )
    kind = SelectField(_l("召回类别"), choices=choices(RecallKind.ALL), validate_choice=False)
    category_id = category_select(_l("产品类别（可不选）"))
    enterprise_code = StringField(_l("召回企业统一社会信用代码（可不填）"))
    product_name = StringField(_l("产品名称"))
    models = TextAreaField(_l("型号"))
    production_start_on = CnDateField(_l("生产开始日期"), validators=[Optional()])
    production_end_on = CnDateField(_l("生产结束日期"), validators=[Optional()])
    quantity = CnIntegerField(_l("涉及数量"), validators=[Optional()])
    defect = TextAreaField(_l("缺陷情况"))
    hazard = TextAreaField(_l("可能造成的危害"))
    remedy = TextAreaField(_l("召回措施"))
    contact = TextAreaField(_l("联系方式"))
    announced_on = CnDateField(_l("发布日期"), validators=[Optional()])


class RegulationForm(StaffForm):
    """Metadata of a regulation."""

    title = StringField(_l("标题"))
    source_name = StringField(_l("文本名称（唯一）"))
    document_number = StringField(_l("文号"))
    issuing_body = StringField(_l("制定机关"))
    level = SelectField(_l("效力级别"), choices=choices(RegulationLevel.ALL), validate_choice=False)
    legal_status = SelectField(
        _l("时效性"), choices=choices(RegulationStatus.ALL), validate_choice=False
    )
    promulgated_on = CnDateField(_l("公布日期"), validators=[Optional()])
    effective_on = CnDateField(_l("施行日期"), validators=[Optional()])
    version_on = CnDateField(_l("文本版本日期"), validators=[Optional()])


class BatchRowForm(Form):
    """One batch row of an announcement draft (a sub-form: the outer form carries CSRF)."""

    id = HiddenField()
    remove = BooleanField(_l("删除"))
    enterprise_code = StringField(_l("企业信用代码"))
    product_name = StringField(_l("产品名称"))
    brand = StringField(_l("商标"))
    model_spec = StringField(_l("规格型号"))
    batch_code = StringField(_l("批号"))
    produced_on = CnDateField(_l("生产日期"), validators=[Optional()])
    result = SelectField(_l("结果"), choices=choices(Result.ALL), validate_choice=False)
    failed_items = StringField(_l("不合格项目（用“、”分隔）"))
    agency = StringField(_l("检验机构"))
    district = StringField(_l("所在区"))


class BatchRowsForm(StaffForm):
    """Every batch row of a draft plus empty rows for new ones."""

    rows = FieldList(FormField(BatchRowForm))


class PublishForm(StaffForm):
    """Publish now; the last editor of the draft must give a reason (four eyes)."""

    force_reason = TextAreaField(
        _l("自行发布的理由（仅当您是最后修改人时需要，记入审计日志）"),
        validators=[Length(max=500, message=_l("理由不能超过 500 个字。"))],
    )
    seen_edit = HiddenField()


class ScheduleForm(PublishForm):
    """Publish at a date and time (Asia/Shanghai)."""

    publish_at = DateTimeInputField(
        _l("发布时间（北京时间）"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[InputRequired(_l("请填写发布时间。"))],
    )


class NoteForm(StaffForm):
    """A public note: why a record is withdrawn (or corrected)."""

    public_note = TextAreaField(
        _l("对公众的说明"),
        validators=[
            InputRequired(_l("请填写对公众说明的理由。")),
            Length(max=1000, message=_l("说明不能超过 1000 个字。")),
        ],
    )


FORMS = {"announcements": AnnouncementForm, "recalls": RecallForm, "regulations": RegulationForm}
NOTE_FIELD = NoteForm.public_note


class AnnouncementCorrectionForm(AnnouncementForm):
    """Corrected announcement metadata and the public note."""

    public_note = NOTE_FIELD


class RecallCorrectionForm(RecallForm):
    """Corrected recall metadata and the public note."""

    public_note = NOTE_FIELD


class RegulationCorrectionForm(RegulationForm):
    """Corrected regulation metadata and the public note."""

    public_note = NOTE_FIELD


CORRECTION_FORMS = {
    "announcements": AnnouncementCorrectionForm,
    "recalls": RecallCorrectionForm,
    "regulations": RegulationCorrectionForm,
}


def metadata_fields(form) -> dict:
    """Service fields of a metadata form: typed values, trimmed text ('' when empty), codes as
    enterprise ids (0 for an unknown code, which the service refuses)."""
    fields = {
        name: field.data
        for name, field in form._fields.items()
        if name not in ("csrf_token", "enterprise_code", "public_note")
    }
    if "enterprise_code" in form:
        code = (form.enterprise_code.data or "").strip()
        fields["enterprise_id"] = (enterprise_id_by_code(code) or 0) if code else None
    texts = {name for name, field in form._fields.items() if isinstance(field, StringField)}
    for name in texts & set(fields):
        fields[name] = (fields[name] or "").replace("\r\n", "\n").strip()
    return fields


def show_errors(form, error, entries: list | None = None) -> None:
    """Show a service error: its summary above the form, its field messages next to the fields
    (batch rows: `batches.<n>.<field>`, matched to the row sub-forms in `entries`)."""
    form.form_errors.append(error.detail)
    for name, messages in error.errors.items():
        target, field_name = form, name
        if name.startswith("batches.") and entries is not None:
            _, index, field_name = name.split(".", 2)
            target = entries[int(index)]
        field_name = "enterprise_code" if field_name == "enterprise_id" else field_name
        if field_name in target._fields:
            target[field_name].errors = list(target[field_name].errors or []) + list(messages)
        elif name not in ("status", error.detail):
            form.form_errors.extend(m for m in messages if m != error.detail)


def batch_rows(form: BatchRowsForm) -> tuple[list[dict], list]:
    """Service rows of the batch form and, in the same order, the sub-forms they came from."""
    rows, entries = [], []
    for entry in form.rows:
        sub = entry.form
        if sub.remove.data or (not sub.id.data and not _has_content(sub)):
            continue  # removed, or an empty row left for adding
        row = {name: sub[name].data for name in sub._fields if name not in ("id", "remove")}
        code = (row.pop("enterprise_code") or "").strip()
        row["enterprise_id"] = (enterprise_id_by_code(code) or 0) if code else None
        row["failed_items"] = [
            i.strip() for i in (row["failed_items"] or "").split("、") if i.strip()
        ]
        if sub.id.data:
            row["id"] = optional_int(sub.id.data)
        rows.append(row)
        entries.append(sub)
    return rows, entries


def _has_content(sub) -> bool:
    """True when any visible input of a row was filled in."""
    return any(sub[name].data for name in sub._fields if name not in ("id", "remove", "result"))


def batch_row_data(batch) -> dict:
    """Form data of an existing batch row."""
    return {
        "id": batch.id,
        "enterprise_code": batch.enterprise.credit_code,
        "product_name": batch.product_name,
        "brand": batch.brand,
        "model_spec": batch.model_spec,
        "batch_code": batch.batch_code,
        "produced_on": batch.produced_on,
        "result": batch.result,
        "failed_items": "、".join(batch.failed_items or []),
        "agency": batch.agency,
        "district": batch.district,
    }
