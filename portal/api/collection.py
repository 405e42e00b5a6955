"""Collection responses: the {items, meta, links} envelope with a Link header, or streamed CSV."""

from collections.abc import Callable, Iterable
from urllib.parse import urlencode

from flask import Response, request, stream_with_context
from marshmallow import Schema
from sqlalchemy import Select

from portal.api import tabular
from portal.caching import last_modified
from portal.queries.pagination import Page, each_chunk, page_of

CSV_MIMETYPE = "text/csv"


def page_url(page_number: int) -> str:
    """Relative URL of another page of the current list."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page_number)]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def collection(page: Page) -> tuple[dict, dict]:
    """The envelope of one page and its Link header."""
    links = {
        "self": page_url(page.page),
        "next": page_url(page.next_num) if page.has_next else None,
        "prev": page_url(page.prev_num) if page.has_prev else None,
    }
    meta = {
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
        "last_updated": last_modified(),
    }
    link_header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    body = {"items": page.items, "meta": meta, "links": links}
    return body, {"Link": link_header}


def list_response(stmt: Select, args: dict, csv_rows: Callable | None = None, decorate=None):
    """One page of a list as the envelope, or every matching record as CSV."""
    if args.get("format") == "csv":
        return csv_rows(stmt)
    page = page_of(stmt, args["page"], args["per_page"])
    if decorate:
        decorate(page.items)
    return collection(page)


def csv_response(header: list[str], rows: Iterable, filename: str, cells_ready=False) -> Response:
    """Stream CSV (UTF-8 with BOM, so Excel reads it) as an attachment."""
    response = Response(
        stream_with_context(tabular.csv_chunks(header, rows, cells_ready)),
        mimetype=CSV_MIMETYPE,
    )
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def orm_csv(stmt: Select, schema: Schema, filename: str, decorate=None) -> Response:
    """CSV of every record a select returns, dumped with the resource's schema in batches."""
    header = tabular.flat_names(schema)

    def records():
        for chunk in each_chunk(stmt):
            if decorate:
                decorate(chunk)
            yield from schema.dump(chunk, many=True)

    return csv_response(header, tabular.dumped_rows(header, records()), filename)
