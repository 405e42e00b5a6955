"""Forms of the alert pages (Flask-WTF: every POST but the one-click unsubscribe has CSRF)."""

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from portal.forms import PortalForm
from portal.models import Frequency

# The frequencies as the pages show them (mails say Frequency.LABELS, the same msgids, in the
# subscription's language).
FREQUENCY_LABELS = {
    Frequency.IMMEDIATE: _l("即时"),
    Frequency.DAILY: _l("每日"),
    Frequency.WEEKLY: _l("每周"),
}
FREQUENCY_CHOICES = [SelectChoice(value, FREQUENCY_LABELS[value]) for value in Frequency.ALL]


class SubscribeForm(PortalForm):
    """E-mail address and frequency of a new subscription."""

    email = EmailField(
        _l("电子邮件地址"),
        validators=[
            InputRequired(_l("请填写电子邮件地址。")),
            Length(max=254, message=_l("地址太长。")),
        ],
    )
    frequency = RadioField(
        _l("发送频率"), choices=FREQUENCY_CHOICES, default=Frequency.IMMEDIATE, validate_choice=True
    )


class FrequencyForm(PortalForm):
    """A new frequency for one subscription on the manage page."""

    frequency = RadioField(_l("发送频率"), choices=FREQUENCY_CHOICES, validate_choice=True)


class ConfirmForm(PortalForm):
    """A button that carries only the CSRF token (confirm, delete)."""
