"""Collection responses: the {items, meta, links} envelope with a Link header, or CSV."""

from collections.abc import Callable, Iterable
from itertools import islice
from urllib.parse import urlencode

from flask import Response, current_app, request, stream_with_context, url_for
from flask_babel import gettext as _
from marshmallow import Schema
from sqlalchemy import Select

from portal.api import tabular
from portal.caching import last_modified
from portal.errors import InvalidInputError
from portal.queries.pagination import Page, each_chunk, page_of

CSV_MIMETYPE = "text/csv"
# CSV pages a client may walk with `page` (deeper offsets cost more than a page is worth; the
# bulk downloads hold everything).
CSV_MAX_PAGES = 10


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


def csv_row_limit() -> int:
    """Rows one CSV answer holds at most (API_CSV_ROW_LIMIT; 0: every matching row)."""
    return current_app.config["API_CSV_ROW_LIMIT"]


def csv_page() -> int:
    """The CSV page asked for (`page`, validated by the list's schema where it has one)."""
    return max(request.args.get("page", 1, type=int) or 1, 1)


def csv_window(stmt: Select) -> Select:
    """The select limited to this CSV page's rows, plus one that tells whether more follow;
    a 422 past CSV_MAX_PAGES."""
    limit = csv_row_limit()
    if not limit:
        return stmt
    page = csv_page()
    if page > CSV_MAX_PAGES:
        detail = _(
            "CSV 最多 %(pages)d 页，每页 %(rows)d 行；更多记录请缩小筛选范围，"
            "或使用批量下载 /api/v1/downloads。",
            pages=CSV_MAX_PAGES,
            rows=limit,
        )
        raise InvalidInputError(detail, errors={"page": [detail]})
    return stmt.limit(limit + 1).offset((page - 1) * limit)


def csv_response(header: list[str], rows: Iterable, filename: str, cells_ready=False) -> Response:
    """CSV (UTF-8 with BOM, so Excel reads it) as an attachment: at most csv_row_limit() rows
    of a select limited by csv_window(), with headers saying so, or every row, streamed."""
    limit = csv_row_limit()
    if limit:
        rows = list(islice(rows, limit + 1))  # the window: no database work left for the body
        body = tabular.csv_chunks(header, rows[:limit], cells_ready)
    else:
        body = stream_with_context(tabular.csv_chunks(header, rows, cells_ready))
    response = Response(body, mimetype=CSV_MIMETYPE)
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    if limit:
        response.headers.update(csv_limit_headers(filename, limit, len(rows) > limit))
    return response


def csv_limit_headers(filename: str, limit: int, truncated: bool) -> dict:
    """The row limit, whether rows were left out, the next page and the bulk file of all."""
    more = truncated and csv_page() < CSV_MAX_PAGES
    links = [f'<{page_url(csv_page() + 1)}>; rel="next"'] if more else []
    links.append(
        f'<{url_for("downloads.download_file", name=filename)}>; rel="alternate";'
        f' type="{CSV_MIMETYPE}";'
        ' title="every record, unfiltered"'
    )
    return {
        "Row-Limit": str(limit),
        "Rows-Truncated": "true" if truncated else "false",
        "Link": ", ".join(links),
    }


def orm_csv(stmt: Select, schema: Schema, filename: str, decorate=None) -> Response:
    """CSV of the records a select returns (one window of them), dumped with the resource's
    schema in batches."""
    header = tabular.flat_names(schema)

    def records():
        for chunk in each_chunk(csv_window(stmt)):
            if decorate:
                decorate(chunk)
            yield from schema.dump(chunk, many=True)

    return csv_response(header, tabular.dumped_rows(header, records()), filename)
