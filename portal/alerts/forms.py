"""Forms of the alert pages (Flask-WTF: every POST but the one-click unsubscribe has CSRF)."""

from flask_wtf import FlaskForm
from wtforms import EmailField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.i18n import get_translations
from wtforms.validators import InputRequired, Length

from portal.models import Frequency

FREQUENCY_CHOICES = [SelectChoice(value, Frequency.LABELS[value]) for value in Frequency.ALL]


class AlertForm(FlaskForm):
    """A Flask-WTF form with WTForms' Chinese messages."""

    class Meta:
        def get_translations(self, form):
            """WTForms' bundled zh catalogue."""
            return get_translations(["zh"])


class SubscribeForm(AlertForm):
    """E-mail address and frequency of a new subscription."""

    email = EmailField(
        "电子邮件地址",
        validators=[InputRequired("请填写电子邮件地址。"), Length(max=254, message="地址太长。")],
    )
    frequency = RadioField(
        "发送频率", choices=FREQUENCY_CHOICES, default=Frequency.IMMEDIATE, validate_choice=True
    )


class FrequencyForm(AlertForm):
    """A new frequency for one subscription on the manage page."""

    frequency = RadioField("发送频率", choices=FREQUENCY_CHOICES, validate_choice=True)


class ConfirmForm(AlertForm):
    """A button that carries only the CSRF token (confirm, delete)."""
