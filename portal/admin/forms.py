"""The base class of staff forms: Flask-WTF with WTForms' own messages in the staff's language."""

from flask_wtf import FlaskForm
from wtforms.i18n import get_translations

from portal.i18n import current_locale


class StaffForm(FlaskForm):
    """A Flask-WTF form whose built-in messages ("不是有效的选择。") follow the page's language."""

    class Meta:
        def get_translations(self, form):
            """WTForms' bundled catalogue of the page's language (Chinese unless English was
            chosen)."""
            return get_translations([current_locale()])


class FilterForm(StaffForm):
    """A GET filter form: no CSRF token (it changes nothing), read from the query string."""

    class Meta:
        csrf = False
