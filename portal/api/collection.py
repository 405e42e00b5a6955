"""Collection responses: the {items, meta, links} envelope with a Link header, or streamed CSV."""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Response, request, stream_with_context
from marshmallow import Schema
from sqlalchemy import Select, func

from portal.api import tabular
from portal.caching import last_modified
from portal.extensions import db

CSV_MIMETYPE = "text/csv"
YIELD_PER = 1000


@dataclass(frozen=True)
class Page:
    """One page of a list and the total number of matching records."""

    items: list
    total: int
    per_page: int
    number: int

    @property
    def pages(self) -> int:
        """Number of pages."""
        return math.ceil(self.total / self.per_page)

    @property
    def has_next(self) -> bool:
        """True when a later page has records."""
        return self.number < self.pages


def page_of(stmt: Select, number: int, per_page: int) -> Page:
    """Run a list select for one page, counting with a lean COUNT(*) over the same filters."""
    count = stmt.order_by(None).with_only_columns(func.count(), maintain_column_froms=True)
    items = db.session.scalars(stmt.limit(per_page).offset((number - 1) * per_page))
    return Page(list(items.unique()), db.session.scalar(count) or 0, per_page, number)


def page_url(page_number: int) -> str:
    """Relative URL of another page of the current list."""
    args = request.args.to_dict(flat=False)
    args["page"] = [str(page_number)]
    return f"{request.path}?{urlencode(args, doseq=True)}"


def collection(page, args: dict, items: list | None = None) -> tuple[dict, dict]:
    """The envelope of one page and its Link header."""
    links = {
        "self": page_url(args["page"]),
        "next": page_url(args["page"] + 1) if page.has_next else None,
        "prev": page_url(args["page"] - 1) if args["page"] > 1 else None,
    }
    meta = {
        "page": args["page"],
        "per_page": args["per_page"],
        "total": page.total,
        "pages": page.pages,
        "last_updated": last_modified(),
    }
    link_header = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    body = {"items": page.items if items is None else items, "meta": meta, "links": links}
    return body, {"Link": link_header}


def list_response(stmt: Select, args: dict, csv_rows: Callable | None = None, decorate=None):
    """One page of a list as the envelope, or every matching record as CSV."""
    if args.get("format") == "csv":
        return csv_rows(stmt)
    page = page_of(stmt, args["page"], args["per_page"])
    if decorate:
        decorate(page.items)
    return collection(page, args)


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
        result = db.session.scalars(stmt.execution_options(yield_per=YIELD_PER))
        for partition in result.partitions():
            if decorate:
                decorate(partition)
            yield from schema.dump(partition, many=True)

    return csv_response(header, tabular.dumped_rows(header, records()), filename)
