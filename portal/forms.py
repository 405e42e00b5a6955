"""The base of every Flask-WTF form: WTForms' messages in the page's language, and a CSRF
field that can appear once per form on a page."""

from flask_wtf import FlaskForm
from wtforms.csrf.core import CSRFTokenField
from wtforms.i18n import get_translations

from portal.i18n import current_locale


class PortalForm(FlaskForm):
    """A Flask-WTF form whose built-in messages ("不是有效的选择。") follow the page's language."""

    class Meta:
        def get_translations(self, form):
            """WTForms' bundled catalogue of the page's language (Chinese unless English was
            chosen)."""
            return get_translations([current_locale()])

        def render_field(self, field, render_kw):
            """Render a field; the hidden CSRF token without an id, since pages holding several
            forms would repeat id="csrf_token" (an id must be unique; nothing refers to it)."""
            if isinstance(field, CSRFTokenField):
                render_kw.setdefault("id", False)
            return super().render_field(field, render_kw)
