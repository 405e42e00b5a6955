"""Batches as plain rows: the fast path for CSV and bulk exports of 100,000+ batches."""

from collections.abc import Iterator

from portal.api import tabular
from portal.api.collection import csv_response, csv_window
from portal.api.schemas.announcements import BatchSchema
from portal.models import Announcement, Batch, Enterprise, ProductCategory
from portal.queries.batches import batch_columns_query
from portal.queries.pagination import each_chunk

# One SQL column per flat name of BatchSchema, so CSV and JSON carry the same fields.
COLUMNS = {
    "id": Batch.id,
    "announcement.id": Announcement.id,
    "announcement.number": Announcement.number,
    "announcement.title": Announcement.title,
    "announcement.issued_on": Announcement.issued_on,
    "category.code": ProductCategory.code,
    "category.name": ProductCategory.name,
    "enterprise.credit_code": Enterprise.credit_code,
    "enterprise.name": Enterprise.name,
    "enterprise.district": Enterprise.district,
    "product_name": Batch.product_name,
    "brand": Batch.brand,
    "model_spec": Batch.model_spec,
    "batch_code": Batch.batch_code,
    "produced_on": Batch.produced_on,
    "result": Batch.result,
    "failed_items": Batch.failed_items,
    "agency": Batch.agency,
    "district": Batch.district,
    "report_number": Batch.report_number,
    "note": Batch.note,
    "updated_at": Batch.updated_at,
}
HEADER = tabular.flat_names(BatchSchema())


def batch_rows(args: dict, window=None) -> Iterator[tuple]:
    """Every filtered batch (or those of window(select)) as a tuple in HEADER order, fetched
    in chunks."""
    stmt = batch_columns_query(args, [COLUMNS[name] for name in HEADER])
    for chunk in each_chunk(window(stmt) if window else stmt, rows=True):
        yield from chunk


# Columns whose values csv.writer would not write as our cells: lists and datetimes.
# Dates, numbers, strings and None (an empty cell) it writes as they are.
SPECIAL = [i for i, name in enumerate(HEADER) if name in ("failed_items", "updated_at")]


def batch_cells(args: dict, window=None) -> Iterator[list]:
    """The filtered batches as CSV cell values, converting only the special columns."""
    for row in batch_rows(args, window):
        values = list(row)
        for index in SPECIAL:
            values[index] = tabular.cell(values[index])
        yield values


def batch_csv(args: dict):
    """The filtered batches as CSV, one window of API_CSV_ROW_LIMIT rows."""
    return csv_response(HEADER, batch_cells(args, csv_window), "batches.csv", cells_ready=True)


def nested_record(row: tuple) -> dict:
    """One row as the nested dict the JSON API returns (for JSON Lines exports)."""
    record: dict = {}
    for name, value in zip(HEADER, row, strict=True):
        outer, _, inner = name.rpartition(".")
        target = record.setdefault(outer, {}) if outer else record
        target[inner] = tabular.json_value(value)
    return record
