"""submissions.submission_key: the same form sent twice is filed once

Revision ID: b7d2e4f6a8c1
Revises: c3a9d2e8f1b4
Create Date: 2026-11-29 15:30:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b7d2e4f6a8c1"
down_revision = "c3a9d2e8f1b4"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("submissions", sa.Column("submission_key", sa.String(length=64), nullable=True))
    op.create_index(
        "ix_submissions_submission_key", "submissions", ["submission_key"], unique=True
    )


def downgrade():
    op.drop_index("ix_submissions_submission_key", table_name="submissions")
    op.drop_column("submissions", "submission_key")
