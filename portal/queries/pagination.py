"""The one page type and the one way to run a list statement: a page, or every row in chunks."""

import math
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func
from sqlalchemy import inspect as sa_inspect

from portal.extensions import db

# Rows fetched per round trip when a list is streamed whole (CSV): flat memory at any size.
YIELD_PER = 1000
# From this many skipped rows on, a page finds its keys first (see page_rows): a deep OFFSET
# then skips lean key rows instead of whole joined records.
LATE_LOAD_OFFSET = 1000


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, where it is, and how many records match in all."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """Number of pages (0 when nothing matches)."""
        return math.ceil(self.total / self.per_page) if self.per_page else 0

    @property
    def has_next(self) -> bool:
        """True when a later page has records."""
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        """True when an earlier page exists."""
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        """Number of the previous page, or None on the first."""
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        """Number of the next page, or None on the last."""
        return self.page + 1 if self.has_next else None

    def iter_pages(self, left_edge=2, left_current=2, right_current=4, right_edge=2):
        """Page numbers to link, with None for each gap (Flask-SQLAlchemy's signature); the
        work follows the links shown, not the number of pages (100,000 hits are 10,000)."""
        shown = {
            *range(1, left_edge + 1),
            *range(self.page - left_current, self.page + right_current + 1),
            *range(self.pages - right_edge + 1, self.pages + 1),
        }
        last = 0
        for number in sorted(n for n in shown if 1 <= n <= self.pages):
            if last + 1 != number:
                yield None
            yield number
            last = number


def page_of(stmt: Select, page: int = 1, per_page: int = 20, count: bool = True) -> Page:
    """Run a list select for one page; count=False skips the COUNT (feeds: total = len(items))."""
    items = page_rows(stmt, per_page, (page - 1) * per_page)
    return Page(items, page, per_page, count_of(stmt) if count else len(items))


def page_rows(stmt: Select, limit: int, offset: int) -> list:
    """The records of one page; past LATE_LOAD_OFFSET the page's primary keys come from a
    select of the key alone and only those records are then loaded (a deferred join)."""
    key = late_load_key(stmt) if offset >= LATE_LOAD_OFFSET else None
    if key is None:
        return list(db.session.scalars(stmt.limit(limit).offset(offset)).unique())
    keys = list(db.session.scalars(stmt.with_only_columns(key).limit(limit).offset(offset)))
    if not keys:
        return []
    return list(db.session.scalars(stmt.where(key.in_(keys))).unique())


def late_load_key(stmt: Select):
    """The single-column primary key of a select of one mapped class, or None."""
    described = stmt.column_descriptions
    entity = described[0].get("entity") if len(described) == 1 else None
    if entity is None or described[0].get("expr") is not entity:
        return None
    primary_key = sa_inspect(entity).primary_key
    return primary_key[0] if len(primary_key) == 1 else None


def count_of(stmt: Select) -> int:
    """Number of rows a list select matches: a lean COUNT(*) over the same filters."""
    counted = stmt.order_by(None).with_only_columns(func.count(), maintain_column_froms=True)
    return db.session.scalar(counted) or 0


def each_chunk(stmt: Select, rows: bool = False) -> Iterator[list]:
    """Every match of a select in chunks of YIELD_PER (CSV, bulk files): flat memory at any size.

    The chunks hold ORM objects, or plain row tuples with rows=True (a select of columns).
    """
    options = {"yield_per": YIELD_PER}
    if rows:  # plain columns: run on the session's connection, without the ORM's row loading
        result = db.session.connection().execute(stmt, execution_options=options)
    else:
        result = db.session.execute(stmt, execution_options=options).scalars()
    try:
        for chunk in result.partitions():
            yield list(chunk)
    finally:  # a reader that stops early (a CSV window) must not leave a server cursor open
        result.close()
