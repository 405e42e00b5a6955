"""Decorator stacks and documentation snippets shared by the resource views."""

from flask_babel import gettext as _
from marshmallow import RAISE

from portal.errors import GoneError
from portal.i18n import N_

CSV_CONTENT = {"text/csv": {"schema": {"type": "string", "format": "binary"}}}


def json_or_csv(page_schema) -> dict:
    """Document both bodies of a list's 200: the JSON page, or CSV with ?format=csv."""
    content = {"application/json": {"schema": page_schema}, **CSV_CONTENT}
    return {"responses": {"200": {"description": N_("JSON 分页，或 CSV"), "content": content}}}


CSV_ONLY = {
    "responses": {"200": {"description": N_("CSV（UTF-8 带 BOM）"), "content": CSV_CONTENT}}
}


def query_args(blp, schema):
    """Validate query arguments with a strict schema (unknown names are rejected)."""
    return blp.arguments(schema, location="query", unknown=RAISE, as_kwargs=False)


def ensure_not_withdrawn(record) -> None:
    """Answer 410 with the withdrawal note for a withdrawn record."""
    if record.is_withdrawn:
        note = record.withdrawal_note or _("该记录已撤回。")
        extensions = {"withdrawal_note": note}
        if record.withdrawn_at:
            extensions["withdrawn_at"] = record.withdrawn_at.isoformat()
        raise GoneError(_("该记录已撤回：%(note)s", note=note), extensions=extensions)
