"""Public forms of /participate/: bounded, cleaned of control characters, with a honeypot."""

import re
import secrets
import unicodedata

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import MultipleFileField
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional, Regexp, ValidationError

from portal.forms import PortalForm

# Format characters that reorder or hide text (bidi overrides, zero-width joiners excepted).
HIDDEN_FORMAT = re.compile("[\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{5,30}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
TEXT_MAX = 2000
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def clean_text(value):
    """Strip control characters (tab and newline kept) and invisible reordering marks."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    kept = "".join(char for char in value if char in "\t\n" or unicodedata.category(char) != "Cc")
    return HIDDEN_FORMAT.sub("", kept).strip()


def optional_int(value):
    """A select value as an int, or None for the empty choice."""
    if value in (None, "", "None"):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def new_submission_key() -> str:
    """A random key a filing form carries, so that the same form sent twice is filed once."""
    return secrets.token_urlsafe(16)


def valid_submission_key(value):
    """The key as sent, or None when it is missing or malformed (then nothing is matched)."""
    return value if isinstance(value, str) and SUBMISSION_KEY.match(value) else None


def text_field(label: str, max_length: int, required: str = "", area: bool = False):
    """A cleaned, bounded text field; `required` is the message when it must be filled."""
    checks = [InputRequired(required)] if required else [Optional()]
    checks.append(Length(max=max_length, message=_l("最多 %(max)s 个字，请精简。", max=max_length)))
    field_class = TextAreaField if area else StringField
    return field_class(label, validators=checks, filters=[clean_text])


class PublicForm(PortalForm):
    """A Flask-WTF form with WTForms' messages in the reader's language and a honeypot field."""

    website = StringField(_l("网站（请勿填写）"), filters=[clean_text])

    def validate_website(self, field):
        """People leave the hidden field empty; form-filling robots do not."""
        if field.data:
            raise ValidationError(_("提交未通过检查，请勿填写“网站”一栏。"))


class ContactMixin(PublicForm):
    """Optional contact details, needed only when the citizen wants a reply."""

    contact_name = text_field(_l("姓名或称呼"), 64)
    contact_phone = StringField(
        _l("电话"),
        validators=[
            Optional(),
            Length(max=32),
            Regexp(PHONE, message=_l("请填写有效的电话号码。")),
        ],
        filters=[clean_text],
    )
    contact_email = StringField(
        _l("电子邮箱"),
        validators=[
            Optional(),
            Length(max=128),
            Regexp(EMAIL, message=_l("请填写有效的电子邮箱。")),
        ],
        filters=[clean_text],
    )
    wants_reply = BooleanField(_l("我希望收到工作人员的答复"))

    def validate_wants_reply(self, field):
        """A reply needs a way to reach the citizen."""
        if field.data and not (self.contact_phone.data or self.contact_email.data):
            raise ValidationError(_("希望收到答复时，请至少填写电话或电子邮箱。"))


class FilingForm(ContactMixin):
    """A form that files a submission: it carries its own one-time key."""

    submission_key = HiddenField(default=new_submission_key, filters=[valid_submission_key])


def category_field(label: str) -> SelectField:
    """The product category select; choices are set by the view."""
    return SelectField(label, coerce=optional_int, validators=[Optional()], validate_choice=True)


class ComplaintForm(FilingForm):
    """投诉举报: a product, its maker if known, where it was bought, what is wrong, photos."""

    category_id = category_field(_l("产品类别"))
    product_name = text_field(_l("产品名称"), 128, _l("请填写产品名称。"))
    enterprise_name = text_field(_l("生产或销售企业（如知道）"), 128)
    place = text_field(_l("购买地点"), 200)
    text = text_field(_l("问题描述"), TEXT_MAX, _l("请描述产品存在的问题。"), area=True)
    photos = MultipleFileField(_l("照片（可选）"))


class SuggestionForm(FilingForm):
    """建议: a product or category to check, what to test, where to sample, and why."""

    category_id = category_field(_l("产品类别"))
    product_name = text_field(_l("建议抽查的产品"), 128, _l("请填写建议抽查的产品或品类。"))
    test_items = text_field(_l("建议检验的项目"), 200)
    place = text_field(_l("建议抽样的地点"), 200)
    text = text_field(_l("建议理由"), TEXT_MAX, _l("请写明建议理由。"), area=True)
    confirmed = HiddenField()


class TrackForm(PublicForm):
    """A tracking number and its access code."""

    tracking_number = StringField(
        _l("受理编号"),
        validators=[
            InputRequired(_l("请输入受理编号。")),
            Length(max=40, message=_l("受理编号过长。")),
        ],
        filters=[clean_text],
    )
    access_code = StringField(
        _l("查询码"),
        validators=[
            InputRequired(_l("请输入查询码。")),
            Length(max=40, message=_l("查询码过长。")),
        ],
        filters=[clean_text],
    )


class SupportForm(PublicForm):
    """ "我也想查这个": only the CSRF token (and the honeypot)."""
