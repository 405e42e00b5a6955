"""Search synonyms edited by admins, seeded from portal/data/synonyms.txt; search_documents.level

Revision ID: b7d3e1f5a9c2
Revises: a1e2b3c4d5f6
Create Date: 2026-11-29 04:00:00

"""

from pathlib import Path

import sqlalchemy as sa
from alembic import op

revision = "b7d3e1f5a9c2"
down_revision = "a1e2b3c4d5f6"
branch_labels = None
depends_on = None

SHIPPED = Path(__file__).resolve().parents[2] / "portal" / "data" / "synonyms.txt"


def upgrade():
    table = op.create_table(
        "search_synonyms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("words", sa.String(length=400), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_search_synonyms")),
    )
    with op.batch_alter_table("search_documents") as batch:
        batch.add_column(sa.Column("level", sa.String(length=16), nullable=True))
    lines = SHIPPED.read_text("utf-8").splitlines() if SHIPPED.exists() else []
    rows = [
        {"words": " ".join(line.split())}
        for line in lines
        if line.strip() and not line.startswith("#")
    ]
    if rows:
        op.bulk_insert(table, rows)


def downgrade():
    op.drop_table("search_synonyms")
    with op.batch_alter_table("search_documents") as batch:
        batch.drop_column("level")
