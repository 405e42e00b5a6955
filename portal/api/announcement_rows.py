"""Announcements as plain rows for CSV: one query, batch totals aggregated in SQL."""

from collections.abc import Iterator

from flask import url_for

from portal.api.collection import csv_response, csv_window
from portal.api.schemas.announcements import AnnouncementSchema
from portal.api.tabular import cell, flat_names
from portal.models import Announcement, ProductCategory
from portal.queries.announcements import announcement_columns_query
from portal.queries.pagination import each_chunk

HEADER = flat_names(AnnouncementSchema())
# The columns SQL reads, by flat name; the computed ones (passed, pass_rate, url) are derived.
STORED = {
    "status": Announcement.status,
    "published_at": Announcement.published_at,
    "updated_at": Announcement.updated_at,
    "withdrawn_at": Announcement.withdrawn_at,
    "withdrawal_note": Announcement.withdrawal_note,
    "is_demo": Announcement.is_demo,
    "id": Announcement.id,
    "number": Announcement.number,
    "title": Announcement.title,
    "category.code": ProductCategory.code,
    "category.name": ProductCategory.name,
    "scope": Announcement.scope,
    "period_start_on": Announcement.period_start_on,
    "period_end_on": Announcement.period_end_on,
    "issued_on": Announcement.issued_on,
    "summary": Announcement.summary,
}
DERIVED = ("batch_counts.total", "batch_counts.passed", "batch_counts.failed")
DERIVED += ("batch_counts.pass_rate", "url")


# Columns whose values csv.writer would not write as our cells: datetimes and booleans.
# Dates, numbers, strings and None (an empty cell) it writes as they are.
SPECIAL = [HEADER.index(name) for name in HEADER if name.endswith("_at") or name == "is_demo"]


def announcement_rows(args: dict, window=None) -> Iterator[dict]:
    """Every filtered announcement (or those of window(select)) as a dict by flat name."""
    stmt = announcement_columns_query(args, list(STORED.values()))
    url = url_template()
    for chunk in each_chunk(window(stmt) if window else stmt, rows=True):
        for row in chunk:
            yield record(row, url)


def url_template() -> str:
    """The web address of an announcement with {id} for its id (one url_for, not one a row)."""
    marker = 2147483647
    return url_for("public.announcement_detail", announcement_id=marker).replace(
        str(marker), "{id}"
    )


def record(row, url: str) -> dict:
    """One row's values by flat name, with the totals and address the JSON API computes."""
    values = dict(zip(STORED, row, strict=False))
    total, failed = row.total or 0, row.failed or 0
    values["batch_counts.total"] = total
    values["batch_counts.passed"] = total - failed
    values["batch_counts.failed"] = failed
    values["batch_counts.pass_rate"] = (total - failed) / total if total else None
    values["url"] = url.format(id=row.id)
    return values


def announcement_cells(args: dict, window=None) -> Iterator[list]:
    """The filtered announcements as CSV cell values, converting only the special columns."""
    for values in announcement_rows(args, window):
        cells = [values[name] for name in HEADER]
        for index in SPECIAL:
            cells[index] = cell(cells[index])
        yield cells


def announcement_csv(args: dict):
    """The filtered announcements as CSV, one window of API_CSV_ROW_LIMIT rows."""
    cells = announcement_cells(args, csv_window)
    return csv_response(HEADER, cells, "announcements.csv", cells_ready=True)
