"""search_tallies: facet counts kept for words in many documents (PostgreSQL search)

Revision ID: c7d3e4f5a6b7
Revises: b5c1d2e3f4a5
Create Date: 2026-11-27 02:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c7d3e4f5a6b7"
down_revision = "b5c1d2e3f4a5"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "search_tally_terms",
        sa.Column("lexeme", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("lexeme", name=op.f("pk_search_tally_terms")),
    )
    op.create_table(
        "search_tallies",
        sa.Column("lexeme", sa.Text(), nullable=False),
        sa.Column("combo", sa.Text(), nullable=False),
        sa.Column("documents", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("lexeme", "combo", name=op.f("pk_search_tallies")),
    )


def downgrade():
    op.drop_table("search_tallies")
    op.drop_table("search_tally_terms")
