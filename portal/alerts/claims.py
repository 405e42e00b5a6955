"""Row claims shared by the sending steps: two `alerts send` runs never take the same row.

A claim sets `lease_until` with one conditional UPDATE per row (`lease_until` empty or past),
which is atomic on SQLite and PostgreSQL alike; on PostgreSQL the candidate rows are first
read with SELECT … FOR UPDATE SKIP LOCKED, so a second run skips rows the first is claiming
instead of waiting for them. A run that dies keeps its claims until the lease ends; then the
rows are free again.
"""

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from portal.extensions import db

LEASE = timedelta(minutes=5)


def lease_free(table, now: datetime):
    """Rows nobody holds: never leased, or the lease has ended."""
    return or_(table.c.lease_until.is_(None), table.c.lease_until < now)


def claim(model, conditions: list, now: datetime, limit: int) -> list[int]:
    """Claim up to `limit` rows of a model meeting the conditions; return their ids."""
    table = model.__table__
    stmt = (
        select(table.c.id)
        .where(*conditions, lease_free(table, now))
        .order_by(table.c.id)
        .limit(limit)
        .with_for_update(skip_locked=True)  # PostgreSQL; SQLite relies on the UPDATE below
    )
    ids = list(db.session.scalars(stmt))
    claimed = [row_id for row_id in ids if claim_row(table, row_id, now)]
    db.session.commit()
    return claimed


def claim_row(table, row_id: int, now: datetime) -> bool:
    """Lease one row if it is still free; True when this call did."""
    stmt = (
        update(table)
        .where(table.c.id == row_id, lease_free(table, now))
        .values(lease_until=now + LEASE)
    )
    return db.session.connection().execute(stmt).rowcount == 1


def release(model, row_id: int) -> None:
    """End this run's lease of a row (in the caller's transaction)."""
    table = model.__table__
    db.session.connection().execute(
        update(table).where(table.c.id == row_id).values(lease_until=None)
    )
