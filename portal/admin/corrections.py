"""Staff screens for published records: correct fields with a public note, or withdraw.

Both go through portal.services.corrections, which writes the public Revision shown on pages and
in feeds. Publishers only (admins too).
"""

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from portal.admin.access import role_required
from portal.admin.content import actor, failed_post, metadata_form, staff_record
from portal.admin.content_forms import NoteForm, metadata_fields, show_errors
from portal.errors import InvalidInputError
from portal.models import Role
from portal.services import corrections

bp = Blueprint("corrections", __name__, url_prefix="/corrections")


@bp.route("/<kind>/<int:record_id>/correct", methods=["GET", "POST"])
@role_required(Role.PUBLISHER)
def correct(kind: str, record_id: int):
    """Correct a published record's fields with a public note."""
    item = staff_record(kind, record_id)
    form = metadata_form(kind, item, correcting=True)
    if form.validate_on_submit():
        changes = corrected_fields(item, metadata_fields(form))
        try:
            corrections.correct_record(item, changes, form.public_note.data, *actor())
        except InvalidInputError as error:
            show_errors(form, error)
        else:
            flash(_("更正已发布，公开页面显示更正说明。"), "success")
            return redirect(url_for("admin.content.record", kind=kind, record_id=record_id))
    status = failed_post()
    return render_template(
        "admin/corrections/correct.html", kind=kind, record=item, form=form
    ), status


def corrected_fields(item, fields: dict) -> dict:
    """The fields whose typed value differs from the record's."""
    return {name: value for name, value in fields.items() if getattr(item, name) != value}


@bp.route("/<kind>/<int:record_id>/withdraw", methods=["GET", "POST"])
@role_required(Role.PUBLISHER)
def withdraw(kind: str, record_id: int):
    """Withdraw a published record with a public note; it stays visible, marked withdrawn."""
    item = staff_record(kind, record_id)
    form = NoteForm()
    if form.validate_on_submit():
        try:
            corrections.withdraw_record(item, form.public_note.data, *actor())
        except InvalidInputError as error:
            form.public_note.errors = [error.detail]
        else:
            flash(_("已撤回，公开页面保留该信息并显示撤回说明。"), "success")
            return redirect(url_for("admin.content.record", kind=kind, record_id=record_id))
    status = failed_post()
    return render_template(
        "admin/corrections/withdraw.html", kind=kind, record=item, form=form
    ), status
