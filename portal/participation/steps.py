"""Helpers of the participation views: choices, field values, uploads and the similar step."""

from flask import render_template, request
from flask_babel import gettext as _
from wtforms.fields.choices import SelectChoice

from portal.errors import InvalidInputError
from portal.i18n import content_attributes
from portal.participation.forms import PublicForm, SuggestionForm
from portal.queries.categories import all_categories
from portal.queries.submissions import similar_plan_items, similar_suggestions

SKIP = {"csrf_token", "website", "photos", "confirmed", "submission_key"}


def category_choices() -> list[SelectChoice]:
    """The category select: "不清楚" first, then every category by code (names marked zh-Hans)."""
    marked = content_attributes()
    return [SelectChoice("", _("不清楚"))] + [
        SelectChoice(c.id, c.name, render_kw=marked) for c in all_categories()
    ]


def form_fields(form: PublicForm) -> dict:
    """The submitted values the service stores."""
    return {field.name: field.data for field in form if field.name not in SKIP}


def uploaded_photos(form) -> list[bytes]:
    """The bytes of each non-empty uploaded file (the content is checked by the service)."""
    files = request.files.getlist(form.photos.name)
    return [item.read() for item in files if item and item.filename]


def show_errors(form: PublicForm, error: InvalidInputError) -> None:
    """Attach a service error to its fields, or to the form as a whole."""
    for name, messages in (error.errors or {}).items():
        target = form[name].errors if name in form else form.form_errors
        target.extend(messages if isinstance(messages, list) else [messages])
    if not error.errors:
        form.form_errors.append(error.detail)


def render_form(template: str, form: PublicForm, status: int | None = None, **context):
    """Re-render a form with what was typed; 422 when it has errors."""
    page = render_template(template, form=form, **context)
    return page, status or (422 if form.errors else 200)


def suggestion_step(form: SuggestionForm) -> dict | None:
    """Similar suggestions and plan items to show before the final submit, or None to submit."""
    if form.confirmed.data == "1":
        return None
    text = f"{form.product_name.data} {form.test_items.data} {form.text.data}"
    found = {
        "suggestions": similar_suggestions(text, form.category_id.data),
        "plan_items": similar_plan_items(text, form.category_id.data),
    }
    form.confirmed.data = "1"
    return found if found["suggestions"] or found["plan_items"] else None
