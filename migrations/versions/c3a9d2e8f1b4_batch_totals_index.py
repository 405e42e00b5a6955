"""batches(announcement_id, result) and (announcement_id, district): totals and filters from indexes

Revision ID: c3a9d2e8f1b4
Revises: c3f8a2d6b1e4
Create Date: 2026-11-29 09:40:00

"""

from alembic import op

revision = "c3a9d2e8f1b4"
down_revision = "c3f8a2d6b1e4"
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        "ix_batches_announcement_id_result", "batches", ["announcement_id", "result"]
    )
    op.create_index(
        "ix_batches_announcement_id_district", "batches", ["announcement_id", "district"]
    )


def downgrade():
    op.drop_index("ix_batches_announcement_id_district", table_name="batches")
    op.drop_index("ix_batches_announcement_id_result", table_name="batches")
