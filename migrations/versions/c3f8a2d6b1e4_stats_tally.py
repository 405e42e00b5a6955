"""stats_tally: batch figures kept by every write for the home page, /stats/ and /api/v1/stats

Revision ID: c3f8a2d6b1e4
Revises: f3b8c1d5e7a9
Create Date: 2026-11-29 08:30:00

Fills both tables from the batch rows of existing databases (self-contained: the same counting
as portal.services.stats_tally.rebuild, which `flask --app portal stats rebuild` runs). The home
page's comparison cell is counted by the next write; until then the page counts it from the
tally rows.
"""

from collections import Counter, defaultdict
from datetime import date
from itertools import product

import sqlalchemy as sa
from alembic import op

revision = "c3f8a2d6b1e4"
down_revision = "f3b8c1d5e7a9"
branch_labels = None
depends_on = None


def upgrade():
    rows = op.create_table(
        "stats_tally_rows",
        sa.Column("announcement_id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("year", sa.String(length=4), nullable=False),
        sa.Column("half_year", sa.String(length=7), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("failed_items", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint(
            "announcement_id",
            "enterprise_id",
            "category_id",
            "district",
            name=op.f("pk_stats_tally_rows"),
        ),
    )
    with op.batch_alter_table("stats_tally_rows") as batch:
        batch.create_index(batch.f("ix_stats_tally_rows_category_id"), ["category_id"])
        batch.create_index(batch.f("ix_stats_tally_rows_enterprise_id"), ["enterprise_id"])
        batch.create_index(batch.f("ix_stats_tally_rows_issued_on"), ["issued_on"])
    tallies = op.create_table(
        "stats_tallies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=24), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("categories", sa.Integer(), nullable=False),
        sa.Column("enterprises", sa.Integer(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stats_tallies")),
    )
    with op.batch_alter_table("stats_tallies") as batch:
        batch.create_index("ix_stats_tallies_cell", ["period", "category_id", "district"])
        batch.create_index("ix_stats_tallies_breakdown", ["category_id", "district", "period"])
    items = op.create_table(
        "stats_failed_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=24), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("item", sa.Text(), nullable=False),
        sa.Column("batches", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stats_failed_items")),
    )
    with op.batch_alter_table("stats_failed_items") as batch:
        batch.create_index("ix_stats_failed_items_cell", ["period", "category_id", "district"])
    fill(rows, tallies, items)


def fill(rows, tallies, items) -> None:
    """Count the live batches of an existing database into the three tables."""
    bind = op.get_bind()
    announcements = sa.table(
        "announcements", sa.column("id"), sa.column("status"), sa.column("issued_on", sa.Date)
    )
    batches = sa.table(
        "batches",
        sa.column("id"),
        sa.column("announcement_id"),
        sa.column("enterprise_id"),
        sa.column("category_id"),
        sa.column("district"),
        sa.column("result"),
        sa.column("failed_items", sa.JSON),
    )
    district = sa.func.coalesce(batches.c.district, "")
    keys = [
        batches.c.announcement_id,
        batches.c.enterprise_id,
        batches.c.category_id,
        district,
        announcements.c.issued_on,
    ]
    failed = sa.func.sum(sa.case((batches.c.result == "不合格", 1), else_=0))
    stmt = (
        sa.select(*keys, sa.func.count(batches.c.id), failed)
        .join(announcements, announcements.c.id == batches.c.announcement_id)
        .where(announcements.c.status == "published")
        .group_by(*keys)
    )
    named = failed_items_of(bind, announcements, batches)
    names = ("announcement_id", "enterprise_id", "category_id", "district", "issued_on")
    values = [
        dict(zip(names, row[:5], strict=True))
        | {"batches": row[5], "failed": int(row[6] or 0), "year": str(row[4].year)}
        | {"half_year": f"{row[4].year}-H{1 if row[4].month <= 6 else 2}"}
        | {"failed_items": dict(named.get(tuple(row[:4]), {}))}
        for row in bind.execute(stmt)
    ]
    for start in range(0, len(values), 5000):
        bind.execute(rows.insert(), values[start : start + 5000])
    item_rows = item_cells(values)
    for start in range(0, len(item_rows), 5000):
        bind.execute(items.insert(), item_rows[start : start + 5000])
    for period in (rows.c.half_year, rows.c.year, None):
        for category in (rows.c.category_id, None):
            for place in (rows.c.district, None):
                bind.execute(level_insert(rows, tallies, (period, category, place)))
    comparison_insert(bind, announcements, rows, tallies)


def comparison_insert(bind, announcements, rows, tallies) -> None:
    """The home page's comparison cell: the latest issue date's half-year so far, a year
    earlier (as portal.models.stats.comparison_range)."""
    latest = bind.execute(
        sa.select(sa.func.max(announcements.c.issued_on)).where(
            announcements.c.status == "published"
        )
    ).scalar()
    if latest is None:
        return
    start = date(latest.year - 1, 1 if latest.month <= 6 else 7, 1)
    try:
        end = latest.replace(year=latest.year - 1)
    except ValueError:  # 29 February
        end = latest.replace(year=latest.year - 1, day=28)
    figures = bind.execute(
        sa.select(
            sa.func.count(rows.c.category_id.distinct()),
            sa.func.count(rows.c.enterprise_id.distinct()),
            sa.func.coalesce(sa.func.sum(rows.c.batches), 0),
            sa.func.coalesce(sa.func.sum(rows.c.failed), 0),
        ).where(rows.c.issued_on.between(start, end))
    ).one()
    names = ("categories", "enterprises", "batches", "failed")
    period = f"{start.isoformat()}/{end.isoformat()}"
    bind.execute(tallies.insert().values(period=period, **dict(zip(names, figures, strict=True))))


def failed_items_of(bind, announcements, batches) -> dict:
    """Failed test items of live failed batches, each counted once per batch, per row key."""
    stmt = (
        sa.select(
            batches.c.announcement_id,
            batches.c.enterprise_id,
            batches.c.category_id,
            sa.func.coalesce(batches.c.district, ""),
            batches.c.failed_items,
        )
        .join(announcements, announcements.c.id == batches.c.announcement_id)
        .where(announcements.c.status == "published", batches.c.result == "不合格")
    )
    named = defaultdict(Counter)
    for *key, listed in bind.execute(stmt):
        named[tuple(key)].update({str(item) for item in listed or ()})
    return named


def item_cells(values: list[dict]) -> list[dict]:
    """Failed-item rows of every cell (half-year, year, all × category or all × district or
    all) from the counted rows."""
    counted = Counter()
    for row in values:
        periods = (row["half_year"], row["year"], None)
        for cell in product(periods, (row["category_id"], None), (row["district"], None)):
            for item, batches in row["failed_items"].items():
                counted[(cell, item)] += batches
    return [
        {"period": cell[0], "category_id": cell[1], "district": cell[2]}
        | {"item": item, "batches": batches}
        for (cell, item), batches in counted.items()
    ]


def level_insert(rows, tallies, keys):
    """INSERT … SELECT of one level of the figures (a None key is "all")."""
    columns = [sa.null() if key is None else key for key in keys]
    stmt = (
        sa.select(
            *columns,
            sa.func.count(rows.c.category_id.distinct()),
            sa.func.count(rows.c.enterprise_id.distinct()),
            sa.func.sum(rows.c.batches),
            sa.func.sum(rows.c.failed),
        )
        .group_by(*(key for key in keys if key is not None))
        .having(sa.func.count() > sa.literal(0))
    )
    names = ["period", "category_id", "district", "categories", "enterprises", "batches"]
    return tallies.insert().from_select([*names, "failed"], stmt)


def downgrade():
    op.drop_table("stats_failed_items")
    op.drop_table("stats_tallies")
    op.drop_table("stats_tally_rows")
