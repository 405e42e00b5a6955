"""Forms of the staff campaign and plan screens."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from portal.admin.forms import DateTimeInputField, StaffForm
from portal.admin.labels import content_choice, lazy
from portal.i18n import translate
from portal.models import ChoiceKind
from portal.queries.categories import all_categories

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


def category_choices(blank: str | None = None) -> list[SelectChoice]:
    """Product categories for a select, optionally headed by a blank option (0)."""
    options = [
        content_choice(category.id, f"{category.code} {category.name}")
        for category in all_categories()
    ]
    return [SelectChoice(0, blank), *options] if blank else options


class CampaignForm(StaffForm):
    """A campaign's texts, period (Beijing time) and number of choices."""

    title = StringField(
        _l("活动名称"), validators=[InputRequired(_l("请填写活动名称。")), Length(max=128)]
    )
    description = TextAreaField(_l("说明"), validators=[Length(max=2000)])
    starts_at = DateTimeInputField(
        _l("开始时间（北京时间）"),
        format=LOCAL_FORMAT,
        validators=[InputRequired(_l("请填写开始时间。"))],
    )
    ends_at = DateTimeInputField(
        _l("结束时间（北京时间）"),
        format=LOCAL_FORMAT,
        validators=[InputRequired(_l("请填写结束时间。"))],
    )
    max_choices = IntegerField(
        _l("每人最多可选项数"),
        default=3,
        validators=[InputRequired(_l("请填写数字。")), NumberRange(1, 20, _l("应在 1–20 之间。"))],
    )


class ChoiceForm(StaffForm):
    """A new choice of a campaign."""

    kind = SelectField(
        _l("类型"),
        choices=[
            SelectChoice(kind, lazy(translate, label)) for kind, label in ChoiceKind.LABELS.items()
        ],
    )
    label = StringField(
        _l("选项名称"), validators=[InputRequired(_l("请填写选项名称。")), Length(max=64)]
    )
    note = StringField(_l("补充说明"), validators=[Length(max=200)])
    category_id = SelectField(_l("对应产品类别（可不选）"), coerce=int, validators=[Optional()])


class AdoptForm(StaffForm):
    """Adopt a choice into a year's plan."""

    year = IntegerField(
        _l("计划年度"),
        validators=[InputRequired(_l("请填写年度。")), NumberRange(2000, 2100, _l("年度有误。"))],
    )
    category_id = SelectField(_l("产品类别"), coerce=int)
    planned_batches = IntegerField(
        _l("计划抽查批次"),
        validators=[
            InputRequired(_l("请填写批次。")),
            NumberRange(1, 100000, _l("应在 1–100000 之间。")),
        ],
    )
    focus = StringField(_l("抽查重点"), validators=[Length(max=500)])


class LinkForm(StaffForm):
    """Link an announcement (by its number) to a plan item, or unlink it (plan item 0)."""

    number = StringField(
        _l("公告编号"), validators=[InputRequired(_l("请填写公告编号。")), Length(max=64)]
    )
    plan_item_id = SelectField(_l("计划项目"), coerce=int)


class ConfirmForm(StaffForm):
    """A button that only needs the CSRF token (open, close, remove)."""
