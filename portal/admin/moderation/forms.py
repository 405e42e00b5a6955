"""Forms of the moderation queue."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.admin.forms import FilterForm, StaffForm
from portal.admin.labels import lazy
from portal.i18n import translate
from portal.models import SubmissionKind, SubmissionStatus

KIND_LABELS = {SubmissionKind.COMPLAINT: _l("投诉举报"), SubmissionKind.SUGGESTION: _l("抽查建议")}
SPAM_LABELS = {"exclude": _l("不含垃圾信息"), "only": _l("只看垃圾信息"), "all": _l("全部")}
ALL = SelectChoice("", _l("全部"))
KINDS = [SelectChoice(value, label) for value, label in KIND_LABELS.items()]
STATUSES = [SelectChoice(status, lazy(translate, status)) for status in SubmissionStatus.ALL]


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

    kind = SelectField(_l("类型"), choices=[ALL, *KINDS], validators=[Optional()])
    status = SelectField(
        _l("状态"),
        choices=[ALL, *STATUSES],
        validators=[Optional()],
    )
    spam = SelectField(
        _l("垃圾信息"),
        choices=[SelectChoice(value, label) for value, label in SPAM_LABELS.items()],
        default="exclude",
    )
    page = IntegerField(_l("页码"), validators=[Optional(), NumberRange(min=1, max=100_000)])


class ClassifyForm(StaffForm):
    """Category, kind and (for suggestions) publication of the text."""

    category_id = SelectField(_l("产品类别"), coerce=optional_int, validators=[Optional()])
    kind = SelectField(_l("类型"), choices=KINDS)
    is_public = BooleanField(_l("公开建议内容（不含联系方式），供市民表示支持"))


class StatusForm(StaffForm):
    """A status change with a note that becomes a public step of the timeline."""

    status = SelectField(_l("新状态"), choices=STATUSES)
    note = TextAreaField(
        _l("说明（公开显示在办理进度中）"),
        validators=[
            InputRequired(_l("请填写说明。")),
            Length(max=1000, message=_l("说明最多 1000 字。")),
        ],
    )


class ReplyForm(StaffForm):
    """The public reply shown on the tracking page."""

    reply = TextAreaField(
        _l("公开答复"), validators=[Length(max=4000, message=_l("答复最多 4000 字。"))]
    )


class SpamForm(StaffForm):
    """Mark or unmark as spam."""

    is_spam = BooleanField(_l("垃圾信息"))


class MergeForm(StaffForm):
    """The tracking number of the submission a duplicate joins."""

    target = StringField(
        _l("合并到受理编号"),
        validators=[
            InputRequired(_l("请填写受理编号。")),
            Length(max=40, message=_l("受理编号过长。")),
        ],
    )


class PlanItemForm(StaffForm):
    """The plan item a suggestion fed."""

    plan_item_id = SelectField(_l("抽查计划项目"), coerce=optional_int, validators=[Optional()])
