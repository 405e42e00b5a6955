"""Flat rows for CSV: headers from the response schemas, values from dumps or plain columns."""

import csv
import io
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime

from marshmallow import Schema, fields

BOM = "\ufeff"
LIST_SEPARATOR = "；"
ROWS_PER_CHUNK = 500


def flat_names(schema: Schema, prefix: str = "") -> list[str]:
    """Column names of a schema: nested single records become `outer.inner` columns."""
    names = []
    for name, field in schema.dump_fields.items():
        if isinstance(field, fields.Nested) and not field.many:
            names += flat_names(field.schema, f"{prefix}{name}.")
        elif not _is_record_list(field):
            names.append(prefix + name)
    return names


def _is_record_list(field) -> bool:
    """True for lists of nested records, which have no place in a flat row."""
    nested = isinstance(field, fields.Nested) and field.many
    return nested or isinstance(getattr(field, "inner", None), fields.Nested)


def flatten(record: dict, prefix: str = "") -> dict:
    """A dumped record as one flat dict with dotted keys."""
    flat = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = value
    return flat


def cell(value) -> str:
    """One CSV cell: ISO dates, lists joined, nothing for None."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return json_value(value)
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


def csv_chunks(header: list[str], rows: Iterable[Iterable], cells_ready=False) -> Iterator[str]:
    """CSV text in chunks: BOM and header first, then the rows a few hundred at a time.

    With `cells_ready` the rows already hold CSV cell values (strings, numbers or None).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    yield BOM + _drain(buffer)
    for count, row in enumerate(rows, start=1):
        writer.writerow(row if cells_ready else [cell(value) for value in row])
        if count % ROWS_PER_CHUNK == 0:
            yield _drain(buffer)
    yield _drain(buffer)


def _drain(buffer: io.StringIO) -> str:
    """Return the buffer's text and empty it."""
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def dumped_rows(header: list[str], records: Iterable[dict]) -> Iterator[list]:
    """Flat rows in header order from dumped records."""
    for record in records:
        flat = flatten(record)
        yield [flat.get(name) for name in header]


def json_value(value):
    """A column value as JSON: ISO dates, RFC 3339 times (stored naive UTC gets +00:00)."""
    if isinstance(value, datetime) and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
