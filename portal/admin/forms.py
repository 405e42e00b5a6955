"""The base class of staff forms: Flask-WTF with WTForms' own Chinese messages."""

from flask_wtf import FlaskForm
from wtforms.i18n import get_translations


class StaffForm(FlaskForm):
    """A Flask-WTF form whose built-in messages ("不是有效的选择。") are in Chinese."""

    class Meta:
        def get_translations(self, form):
            """WTForms' bundled zh catalogue (Flask-WTF would need Flask-Babel)."""
            return get_translations(["zh"])


class FilterForm(StaffForm):
    """A GET filter form: no CSRF token (it changes nothing), read from the query string."""

    class Meta:
        csrf = False
