"""Decorator stacks and documentation snippets shared by the resource views."""

from flask_babel import gettext as _
from marshmallow import RAISE

from portal.api.headers import header_object
from portal.errors import GoneError
from portal.i18n import N_

CSV_CONTENT = {"text/csv": {"schema": {"type": "string", "format": "binary"}}}
# Headers of a CSV answer: it holds at most Row-Limit rows (API_CSV_ROW_LIMIT, default 1000).
CSV_HEADERS = {
    "Row-Limit": header_object(
        N_(
            "CSV：每次最多返回的行数（默认 1000）；用 page 取后面的行（最多 10 页），"
            "全部记录见批量下载 /api/v1/downloads"
        ),
        "integer",
    ),
    "Rows-Truncated": header_object(
        N_("CSV：true 表示还有符合条件的记录不在本次响应中，false 表示已全部包含"), "string"
    ),
    "Link": header_object(
        N_(
            "JSON：列表的 self/next/prev 链接；CSV：下一页（rel=next）和该数据集的批量下载文件"
            "（rel=alternate）（RFC 8288）"
        ),
        "string",
    ),
}


def json_or_csv(page_schema) -> dict:
    """Document both bodies of a list's 200: the JSON page, or CSV with ?format=csv."""
    content = {"application/json": {"schema": page_schema}, **CSV_CONTENT}
    response = {"description": N_("JSON 分页，或 CSV（每次最多 Row-Limit 行）"), "content": content}
    return {"responses": {"200": {**response, "headers": CSV_HEADERS}}}


CSV_ONLY = {
    "responses": {
        "200": {
            "description": N_("CSV（UTF-8 带 BOM），每次最多 Row-Limit 行"),
            "content": CSV_CONTENT,
            "headers": CSV_HEADERS,
        }
    }
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
