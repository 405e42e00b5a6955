"""The statistics tally follows the batches inside the writing transaction.

Every flush that adds, changes or deletes announcements or batches recounts those announcements'
live batches (StatsTallyRow) and applies the difference to the figures (StatsTally): batch and
failed counts add up; the distinct counts of enterprises and categories change by one where an
enterprise or category enters or leaves a cell, which the rows of the other announcements of the
same enterprises and categories tell. Bulk INSERT/UPDATE/DELETE statements (demo seeding) rebuild
the whole tally before the commit. Writers take the site_state row lock first, so two
transactions never count the same enterprise in or out twice.

`flask --app portal stats rebuild` (and the migration that adds the tables) recounts everything.
"""

import logging
from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import chain
from typing import NamedTuple

from sqlalchemy import case, delete, event, func, insert, inspect, literal, null, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from sqlalchemy.sql import Delete, Insert, Update

from portal.models import (
    Announcement,
    Batch,
    PublicationStatus,
    Result,
    SiteState,
    StatsFailedItem,
    StatsTally,
    StatsTallyRow,
)
from portal.models.stats import comparison_range, half_year_key, range_key

logger = logging.getLogger(__name__)

BULK = "stats_tally_bulk"
WATCHED = {Announcement.__table__.name, Batch.__table__.name}
CHUNK = 500
ROWS = StatsTallyRow.__table__
TALLIES = StatsTally.__table__
ITEMS = StatsFailedItem.__table__
FIGURES = ("categories", "enterprises", "batches", "failed")
_registered = False


class Row(NamedTuple):
    """Live batches of one announcement, enterprise, category and district."""

    announcement_id: int
    enterprise_id: int
    category_id: int
    district: str
    issued_on: date
    batches: int
    failed: int
    items: tuple[tuple[str, int], ...] = ()  # failed test items and their failed batches


Cell = tuple[str | None, int | None, str | None]  # (period, category_id, district); None = all


def register_session_events() -> None:
    """Listen to every session once per process."""
    global _registered
    if _registered:
        return
    event.listen(Session, "after_flush", follow_flush)
    event.listen(Session, "do_orm_execute", notice_bulk_statement)
    event.listen(Session, "before_commit", rebuild_after_bulk)
    event.listen(Session, "after_rollback", forget_bulk)
    _registered = True


def follow_flush(session: Session, _context) -> None:
    """Recount the announcements this flush added, changed or deleted (or all after a bulk
    statement)."""
    if session.info.get(BULK):
        rebuild(session.connection())
        session.info.pop(BULK, None)
        return
    touched = touched_announcements(chain(session.new, session.dirty, session.deleted))
    if touched:
        refresh(session.connection(), touched)


def notice_bulk_statement(orm_execute_state) -> None:
    """Bulk statements on announcements or batches bypass flush: rebuild before the commit."""
    statement = orm_execute_state.statement
    if isinstance(statement, Insert | Update | Delete) and statement.table.name in WATCHED:
        orm_execute_state.session.info[BULK] = True


def rebuild_after_bulk(session: Session) -> None:
    """Rebuild the tally in the committing transaction after a bulk statement."""
    if session.info.get(BULK):
        session.flush()  # follow_flush rebuilds when there is something to flush
    if session.info.pop(BULK, False):
        rebuild(session.connection())


def forget_bulk(session: Session) -> None:
    """A rolled-back bulk statement needs no rebuild."""
    session.info.pop(BULK, None)


def touched_announcements(records: Iterable) -> set[int]:
    """Ids of the announcements whose batches or state the records change (old ones too)."""
    ids: set[int] = set()
    for record in records:
        if isinstance(record, Announcement):
            ids.add(record.id)
        elif isinstance(record, Batch):
            ids.add(record.announcement_id)
            state = inspect(record)
            ids.update(state.attrs.announcement_id.history.deleted or ())
            ids.update(a.id for a in state.attrs.announcement.history.deleted or () if a)
    return {i for i in ids if i is not None}


def live_rows(conn: Connection, announcement_ids: Iterable[int] | None = None) -> list[Row]:
    """Count the live batches (of these announcements, or all) from the batch rows."""
    district = func.coalesce(Batch.district, "")
    stmt = (
        select(
            Batch.announcement_id,
            Batch.enterprise_id,
            Batch.category_id,
            district,
            Announcement.issued_on,
            func.count(Batch.id),
            func.sum(case((Batch.result == Result.FAIL, 1), else_=0)),
        )
        .join(Announcement, Announcement.id == Batch.announcement_id)
        .where(Announcement.status == PublicationStatus.PUBLISHED)
        .group_by(
            Batch.announcement_id,
            Batch.enterprise_id,
            Batch.category_id,
            district,
            Announcement.issued_on,
        )
    )
    items = failed_items(conn, announcement_ids)
    found = rows_of(conn, stmt, announcement_ids)
    return [
        Row(*row[:6], int(row[6] or 0), tuple(sorted(items.get(tuple(row[:4]), {}).items())))
        for row in found
    ]


def rows_of(conn: Connection, stmt, announcement_ids=None) -> list:
    """The statement's rows: all, or those of the announcements (queried in chunks)."""
    if announcement_ids is None:
        return list(conn.execute(stmt))
    found: list = []
    for chunk in chunks(announcement_ids):
        found += conn.execute(stmt.where(Batch.announcement_id.in_(chunk)))
    return found


def failed_items(conn: Connection, announcement_ids=None) -> dict[tuple, Counter]:
    """Failed test items of the live failed batches, counted once per batch, per row key."""
    key = (Batch.announcement_id, Batch.enterprise_id, Batch.category_id)
    stmt = (
        select(*key, func.coalesce(Batch.district, ""), Batch.failed_items)
        .join(Announcement, Announcement.id == Batch.announcement_id)
        .where(Announcement.status == PublicationStatus.PUBLISHED, Batch.result == Result.FAIL)
    )
    found = rows_of(conn, stmt, announcement_ids)
    counted: dict[tuple, Counter] = defaultdict(Counter)
    for *row_key, items in found:
        counted[tuple(row_key)].update({str(item) for item in items or ()})
    return counted


def stored_rows(conn: Connection, announcement_ids: Iterable[int]) -> list[Row]:
    """What the tally has counted for these announcements."""
    columns = [ROWS.c[name] for name in Row._fields[:-1]] + [ROWS.c.failed_items]
    rows = []
    for chunk in chunks(announcement_ids):
        found = conn.execute(select(*columns).where(ROWS.c.announcement_id.in_(chunk)))
        rows += [Row(*row[:-1], tuple(sorted((row[-1] or {}).items()))) for row in found]
    return rows


def chunks(values: Iterable, size: int = CHUNK) -> Iterable[list]:
    """The values in lists of at most `size` (bounded IN lists)."""
    values = sorted(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def lock_tally(conn: Connection) -> None:
    """Serialise tally writers on the site_state row (every content write locks it anyway)."""
    site_state = SiteState.__table__
    conn.execute(select(site_state.c.id).where(site_state.c.id == 1).with_for_update())


def refresh(conn: Connection, announcement_ids: set[int]) -> None:
    """Recount these announcements and apply the difference to the figures."""
    lock_tally(conn)
    old = stored_rows(conn, announcement_ids)
    new = live_rows(conn, announcement_ids)
    if sorted(old) != sorted(new):
        deltas = sum_deltas(old, new)
        for position, column in ((1, "enterprise_id"), (0, "category_id")):
            presence_deltas(conn, announcement_ids, (old, new), column, deltas, position)
        for chunk in chunks(announcement_ids):
            conn.execute(delete(ROWS).where(ROWS.c.announcement_id.in_(chunk)))
        store_rows(conn, new)
        write_deltas(conn, deltas)
        write_item_deltas(
            conn, item_counts(new) - item_counts(old), item_counts(old) - item_counts(new)
        )
    refresh_comparison(conn, changed_days={row.issued_on for row in chain(old, new)})


def store_rows(conn: Connection, rows: list[Row]) -> None:
    """Insert counted rows (with their year and half-year keys)."""
    values = [
        row._asdict()
        | {"year": str(row.issued_on.year), "half_year": half_year_key(row.issued_on)}
        | {"failed_items": dict(row.items)}
        for row in rows
    ]
    for value in values:
        del value["items"]
    for start in range(0, len(values), 5000):
        conn.execute(insert(ROWS), values[start : start + 5000])


def cells(category_id: int, district: str, day: date) -> list[Cell]:
    """The twelve cells a row counts in: its half-year, year and all time, by its category or
    all, by its district or all."""
    periods = (half_year_key(day), str(day.year), None)
    return [
        (period, category, place)
        for period in periods
        for category in (category_id, None)
        for place in (district, None)
    ]


def sum_deltas(old: list[Row], new: list[Row]) -> dict[Cell, list[int]]:
    """Batch and failed differences per cell (the distinct counts are added later)."""
    deltas: dict[Cell, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for sign, rows in ((-1, old), (1, new)):
        for row in rows:
            for cell in cells(row.category_id, row.district, row.issued_on):
                deltas[cell][2] += sign * row.batches
                deltas[cell][3] += sign * row.failed
    return deltas


def item_counts(rows: list[Row]) -> Counter:
    """Failed batches per (cell, failed test item) of some rows."""
    counted: Counter = Counter()
    for row in rows:
        for cell in cells(row.category_id, row.district, row.issued_on):
            for item, batches in row.items:
                counted[(cell, item)] += batches
    return counted


def write_item_deltas(conn: Connection, added: Counter, removed: Counter) -> None:
    """Add and subtract failed batches per cell and item; drop items left at zero."""
    for (cell, item), change in chain(added.items(), ((k, -v) for k, v in removed.items())):
        condition = [*cell_condition(cell, ITEMS), ITEMS.c.item == item]
        changed = conn.execute(
            update(ITEMS).where(*condition).values(batches=ITEMS.c.batches + change)
        )
        if changed.rowcount == 0:
            keys = dict(zip(("period", "category_id", "district"), cell, strict=True))
            conn.execute(insert(ITEMS).values(keys | {"item": item, "batches": change}))
    if removed:
        conn.execute(delete(ITEMS).where(ITEMS.c.batches <= 0))


def presence_deltas(conn, announcement_ids, old_new, column: str, deltas, position: int) -> None:
    """±1 in the distinct count at `position` where an enterprise or category (`column`) enters
    or leaves a cell, judged with its rows in the other announcements."""
    old, new = old_new
    members = {getattr(row, column) for row in chain(old, new)}
    elsewhere = defaultdict(set)
    stmt = select(ROWS.c[column], ROWS.c.category_id, ROWS.c.district, ROWS.c.issued_on).distinct()
    for chunk in chunks(members):
        other = ROWS.c.announcement_id.not_in(sorted(announcement_ids))
        found = conn.execute(stmt.where(ROWS.c[column].in_(chunk), other))
        for member, category_id, district, day in found:
            elsewhere[member].update(cells(category_id, district, day))
    for member in members:
        before = set(elsewhere[member])
        after = set(before)
        for rows, cells_of_member in ((old, before), (new, after)):
            for row in rows:
                if getattr(row, column) == member:
                    cells_of_member.update(cells(row.category_id, row.district, row.issued_on))
        for cell in before ^ after:
            deltas[cell][position] += 1 if cell in after else -1


def cell_condition(cell: Cell, table=TALLIES) -> list:
    """SQL conditions selecting one cell of the figures or failed items (None matches NULL)."""
    columns = (table.c.period, table.c.category_id, table.c.district)
    return [
        column.is_(None) if value is None else column == value
        for column, value in zip(columns, cell, strict=True)
    ]


def write_deltas(conn: Connection, deltas: dict[Cell, list[int]]) -> None:
    """Add the differences to the figures; drop cells left without batches."""
    for cell, delta in deltas.items():
        if not any(delta):
            continue
        figures = dict(zip(FIGURES, delta, strict=True))
        changes = {name: TALLIES.c[name] + value for name, value in figures.items()}
        updated = conn.execute(update(TALLIES).where(*cell_condition(cell)).values(changes))
        if updated.rowcount == 0:
            keys = dict(zip(("period", "category_id", "district"), cell, strict=True))
            conn.execute(insert(TALLIES).values(keys | figures))
    conn.execute(delete(TALLIES).where(TALLIES.c.batches <= 0, ~is_range(TALLIES.c.period)))


def is_range(period_column):
    """SQL condition: a home-page comparison cell (a date range)."""
    return func.coalesce(period_column, "").like("%/%")


def latest_issue_date(conn: Connection) -> date | None:
    """Issue date of the newest published announcement."""
    stmt = select(func.max(Announcement.issued_on)).where(
        Announcement.status == PublicationStatus.PUBLISHED
    )
    return conn.execute(stmt).scalar()


def refresh_comparison(conn: Connection, changed_days: set[date] | None = None) -> None:
    """Keep the one date-range cell the home page compares with: last year's same period
    (recounted when the latest issue date moves or a change falls inside it)."""
    latest = latest_issue_date(conn)
    stored = set(conn.execute(select(TALLIES.c.period).where(is_range(TALLIES.c.period))).scalars())
    if latest is None:
        wanted = None
    else:
        start, end = comparison_range(latest)
        wanted = range_key(start, end)
        inside = changed_days is None or any(start <= day <= end for day in changed_days)
        if stored == {wanted} and not inside:
            return
    conn.execute(delete(TALLIES).where(is_range(TALLIES.c.period)))
    if wanted is not None:
        figures = range_figures(conn, start, end)
        conn.execute(insert(TALLIES).values(period=wanted, **figures))


def range_figures(conn: Connection, start: date, end: date) -> dict[str, int]:
    """Figures of the counted rows issued in a date range."""
    stmt = select(
        func.count(ROWS.c.category_id.distinct()),
        func.count(ROWS.c.enterprise_id.distinct()),
        func.coalesce(func.sum(ROWS.c.batches), 0),
        func.coalesce(func.sum(ROWS.c.failed), 0),
    ).where(ROWS.c.issued_on.between(start, end))
    return dict(zip(FIGURES, (int(n) for n in conn.execute(stmt).one()), strict=True))


def rebuild(conn: Connection) -> int:
    """Recount every live batch; return the number of figure cells."""
    lock_tally(conn)
    conn.execute(delete(TALLIES))
    conn.execute(delete(ITEMS))
    conn.execute(delete(ROWS))
    rows = live_rows(conn)
    store_rows(conn, rows)
    items = item_counts(rows)
    values = [
        dict(zip(("period", "category_id", "district"), cell, strict=True))
        | {"item": item, "batches": batches}
        for (cell, item), batches in items.items()
    ]
    for start in range(0, len(values), 5000):
        conn.execute(insert(ITEMS), values[start : start + 5000])
    for period in (ROWS.c.half_year, ROWS.c.year, None):
        for category in (ROWS.c.category_id, None):
            for district in (ROWS.c.district, None):
                conn.execute(grouped_insert(period, category, district))
    refresh_comparison(conn)
    count = conn.execute(select(func.count()).select_from(TALLIES)).scalar()
    logger.info("Statistics tally rebuilt: %s cells", count)
    return count


def grouped_insert(period, category, district) -> Insert:
    """INSERT … SELECT of one level of the figures (a None dimension is "all")."""
    keys = [key for key in (period, category, district) if key is not None]
    columns = [
        null() if period is None else period,
        null() if category is None else category,
        null() if district is None else district,
        func.count(ROWS.c.category_id.distinct()),
        func.count(ROWS.c.enterprise_id.distinct()),
        func.sum(ROWS.c.batches),
        func.sum(ROWS.c.failed),
    ]
    stmt = select(*columns).group_by(*keys).having(func.count() > literal(0))
    names = ["period", "category_id", "district", *FIGURES]
    return insert(TALLIES).from_select(names, stmt)
