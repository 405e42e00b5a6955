"""Which fields a draft has, and the checks they must pass (with Chinese messages)."""

from dataclasses import dataclass
from datetime import date, datetime

from flask_babel import gettext
from sqlalchemy import JSON, Date, Integer, String, func, inspect, select

from portal.extensions import db
from portal.i18n import N_, translate
from portal.models import (
    Announcement,
    Batch,
    Enterprise,
    ProductCategory,
    Recall,
    RecallKind,
    RecallType,
    Regulation,
    RegulationLevel,
    RegulationStatus,
    Result,
    Scope,
)


@dataclass(frozen=True)
class Field:
    """One editable field: its Chinese label, whether it is required, its allowed values."""

    label: str
    required: bool = False
    choices: tuple = ()


ANNOUNCEMENT_FIELDS = {
    "number": Field(N_("公告编号"), True),
    "title": Field(N_("标题"), True),
    "category_id": Field(N_("产品类别"), True),
    "scope": Field(N_("抽查环节"), True, Scope.ALL),
    "period_start_on": Field(N_("抽查开始日期"), True),
    "period_end_on": Field(N_("抽查结束日期"), True),
    "issued_on": Field(N_("发布日期"), True),
    "summary": Field(N_("摘要")),
    "body": Field(N_("正文")),
}
RECALL_FIELDS = {
    "number": Field(N_("召回编号"), True),
    "title": Field(N_("标题"), True),
    "recall_type": Field(N_("召回方式"), True, RecallType.ALL),
    "kind": Field(N_("召回类别"), True, RecallKind.ALL),
    "category_id": Field(N_("产品类别")),
    "enterprise_id": Field(N_("召回企业")),
    "product_name": Field(N_("产品名称"), True),
    "models": Field(N_("型号")),
    "production_start_on": Field(N_("生产开始日期")),
    "production_end_on": Field(N_("生产结束日期")),
    "quantity": Field(N_("涉及数量")),
    "defect": Field(N_("缺陷情况"), True),
    "hazard": Field(N_("可能造成的危害"), True),
    "remedy": Field(N_("召回措施"), True),
    "contact": Field(N_("联系方式")),
    "announced_on": Field(N_("发布日期"), True),
}
REGULATION_FIELDS = {
    "title": Field(N_("标题"), True),
    "source_name": Field(N_("文本名称（唯一）"), True),
    "document_number": Field(N_("文号")),
    "issuing_body": Field(N_("制定机关")),
    "level": Field(N_("效力级别"), True, RegulationLevel.ALL),
    "legal_status": Field(N_("时效性"), True, RegulationStatus.ALL),
    "promulgated_on": Field(N_("公布日期")),
    "effective_on": Field(N_("施行日期")),
    "version_on": Field(N_("文本版本日期"), True),
}
BATCH_FIELDS = {
    "enterprise_id": Field(N_("受检企业"), True),
    "product_name": Field(N_("产品名称"), True),
    "brand": Field(N_("商标")),
    "model_spec": Field(N_("规格型号")),
    "batch_code": Field(N_("批号")),
    "produced_on": Field(N_("生产日期")),
    "result": Field(N_("检验结果"), True, Result.ALL),
    "failed_items": Field(N_("不合格项目")),
    "agency": Field(N_("检验机构"), True),
    "district": Field(N_("所在区")),
    "report_number": Field(N_("报告编号")),
    "note": Field(N_("备注")),
}
FIELDS = {Announcement: ANNOUNCEMENT_FIELDS, Recall: RECALL_FIELDS, Regulation: REGULATION_FIELDS}
FIELDS[Batch] = BATCH_FIELDS
DATE_ORDER = {
    Announcement: ("period_start_on", "period_end_on"),
    Recall: ("production_start_on", "production_end_on"),
    Regulation: ("promulgated_on", "effective_on"),
}
UNIQUE = {Announcement: "number", Recall: "number", Regulation: "source_name"}
REFERENCES = {"category_id": (ProductCategory, N_("没有这个产品类别。"))}
REFERENCES["enterprise_id"] = (Enterprise, N_("没有这家企业，请先在企业名录中添加。"))


def clean_fields(model, fields: dict, creating: bool) -> tuple[dict, dict]:
    """Typed, trimmed values of the given fields and the messages of those that fail."""
    spec = FIELDS[model]
    columns = {c.key: c for c in inspect(model).columns}
    cleaned, errors = {}, {}
    for name, value in fields.items():
        if name not in spec:
            errors[name] = [gettext("该字段不存在或不能在草稿中修改。")]
            continue
        value = value.strip() if isinstance(value, str) else value
        message = value_error(spec[name], columns[name], value)
        if message:
            errors[name] = [message]
        else:
            cleaned[name] = None if value == "" and columns[name].nullable else value
    if creating:
        for name, field in spec.items():
            if field.required and name not in fields:
                errors.setdefault(name, [missing(field)])
    return cleaned, errors


def label(field: Field) -> str:
    """A field's name in the staff member's language."""
    return translate(field.label)


def missing(field: Field) -> str:
    """The message of a required field left empty."""
    return gettext("请填写%(label)s。", label=label(field))


def value_error(field: Field, column, value) -> str | None:
    """Why a value does not fit a field, or None when it does."""
    if value is None or value == "":
        return missing(field) if field.required else None
    if field.choices and value not in field.choices:
        choices = gettext("、").join(translate(choice) for choice in field.choices)
        return gettext("%(label)s应为：%(choices)s。", label=label(field), choices=choices)
    return type_error(field, column, value)


def type_error(field: Field, column, value) -> str | None:
    """Why a value is of the wrong type or too long, or None."""
    if isinstance(column.type, JSON):
        ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        return None if ok else gettext("%(label)s应为一组文字。", label=label(field))
    if isinstance(column.type, Date) and (
        not isinstance(value, date) or isinstance(value, datetime)
    ):
        return gettext("%(label)s应为日期（年-月-日）。", label=label(field))
    if isinstance(column.type, Integer) and (not isinstance(value, int) or isinstance(value, bool)):
        return gettext("%(label)s应为整数。", label=label(field))
    if isinstance(column.type, Integer) and not 0 <= value < 2**31:
        return gettext("%(label)s超出范围。", label=label(field))
    if isinstance(column.type, String) and not isinstance(value, str):
        return gettext("%(label)s应为文字。", label=label(field))
    length = getattr(column.type, "length", None)
    if length and len(value) > length:
        return gettext("%(label)s不能超过 %(length)s 个字符。", label=label(field), length=length)
    return None


def record_errors(record) -> dict:
    """Checks across fields and rows: date order, references and unique numbers."""
    model = type(record)
    errors = {}
    start, end = DATE_ORDER[model]
    first, last = getattr(record, start), getattr(record, end)
    if first and last and first > last:
        errors[end] = [
            gettext(
                "%(end)s不能早于%(start)s。",
                end=label(FIELDS[model][end]),
                start=label(FIELDS[model][start]),
            )
        ]
    errors |= reference_errors(record)
    unique = UNIQUE[model]
    if _is_taken(model, unique, getattr(record, unique), record.id):
        errors[unique] = [
            gettext("%(label)s已被其他记录使用。", label=label(FIELDS[model][unique]))
        ]
    return errors


def reference_errors(record) -> dict:
    """Messages for category_id / enterprise_id values that point at nothing."""
    errors = {}
    for name, (target, message) in REFERENCES.items():
        value = getattr(record, name, None)
        if value is not None and db.session.get(target, value) is None:
            errors[name] = [translate(message)]
    return errors


def batch_errors(batch: Batch) -> dict:
    """Checks of one batch row across its fields."""
    errors = reference_errors(batch)
    if batch.result == Result.FAIL and not batch.failed_items:
        errors["failed_items"] = [gettext("不合格批次请填写不合格项目。")]
    if batch.result == Result.PASS and batch.failed_items:
        errors["failed_items"] = [gettext("合格批次不应有不合格项目。")]
    return errors


def _is_taken(model, name: str, value, own_id: int | None) -> bool:
    """True when another record of the model already uses the value of a unique column."""
    if not value:
        return False
    column = getattr(model, name)
    stmt = select(func.count()).select_from(model).where(column == value)
    if own_id is not None:
        stmt = stmt.where(model.id != own_id)
    with db.session.no_autoflush:
        return bool(db.session.scalar(stmt))
