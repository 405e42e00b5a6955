"""search_documents: a non-null sort key and an index for newest-first browsing

Revision ID: b5c1d2e3f4a5
Revises: a2ae73569e94
Create Date: 2026-11-27 00:45:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b5c1d2e3f4a5"
down_revision = "a2ae73569e94"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("sort_day", sa.Date(), nullable=False, server_default="0001-01-01")
        )
    op.execute("UPDATE search_documents SET sort_day = day WHERE day IS NOT NULL")
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.create_index("ix_search_documents_newest", ["sort_day", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("search_documents", schema=None) as batch_op:
        batch_op.drop_index("ix_search_documents_newest")
        batch_op.drop_column("sort_day")
