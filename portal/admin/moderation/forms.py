"""Forms of the moderation queue."""

from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.admin.forms import FilterForm, StaffForm
from portal.models import SubmissionKind, SubmissionStatus

KIND_LABELS = {SubmissionKind.COMPLAINT: "投诉举报", SubmissionKind.SUGGESTION: "抽查建议"}
SPAM_LABELS = {"exclude": "不含垃圾信息", "only": "只看垃圾信息", "all": "全部"}
ALL = SelectChoice("", "全部")
KINDS = [SelectChoice(value, label) for value, label in KIND_LABELS.items()]
STATUSES = [SelectChoice(status, status) for status in SubmissionStatus.ALL]


def optional_int(value):
    """A select value as an int, or None for the empty choice."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


class QueueFilterForm(FilterForm):
    """Filters of the queue (GET)."""

    kind = SelectField("类型", choices=[ALL, *KINDS], validators=[Optional()])
    status = SelectField(
        "状态",
        choices=[ALL, *STATUSES],
        validators=[Optional()],
    )
    spam = SelectField(
        "垃圾信息",
        choices=[SelectChoice(value, label) for value, label in SPAM_LABELS.items()],
        default="exclude",
    )
    page = IntegerField("页码", validators=[Optional(), NumberRange(min=1, max=100_000)])


class ClassifyForm(StaffForm):
    """Category, kind and (for suggestions) publication of the text."""

    category_id = SelectField("产品类别", coerce=optional_int, validators=[Optional()])
    kind = SelectField("类型", choices=KINDS)
    is_public = BooleanField("公开建议内容（不含联系方式），供市民表示支持")


class StatusForm(StaffForm):
    """A status change with a note that becomes a public step of the timeline."""

    status = SelectField("新状态", choices=STATUSES)
    note = TextAreaField(
        "说明（公开显示在办理进度中）",
        validators=[InputRequired("请填写说明。"), Length(max=1000, message="说明最多 1000 字。")],
    )


class ReplyForm(StaffForm):
    """The public reply shown on the tracking page."""

    reply = TextAreaField("公开答复", validators=[Length(max=4000, message="答复最多 4000 字。")])


class SpamForm(StaffForm):
    """Mark or unmark as spam."""

    is_spam = BooleanField("垃圾信息")


class MergeForm(StaffForm):
    """The tracking number of the submission a duplicate joins."""

    target = StringField(
        "合并到受理编号",
        validators=[InputRequired("请填写受理编号。"), Length(max=40, message="受理编号过长。")],
    )


class PlanItemForm(StaffForm):
    """The plan item a suggestion fed."""

    plan_item_id = SelectField("抽查计划项目", coerce=optional_int, validators=[Optional()])
