"""drafts_and_scheduling: last editor of a draft and scheduled publication

Revision ID: e5f6a7b8c9d0
Revises: d4e8f1a2b3c5
Create Date: 2026-11-29 01:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e5f6a7b8c9d0"
down_revision = "d4e8f1a2b3c5"
branch_labels = None
depends_on = None

TABLES = ("announcements", "recalls", "regulations")


def upgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("last_edited_by_id", sa.Integer(), nullable=True))
            batch_op.add_column(sa.Column("last_edited_at", sa.DateTime(), nullable=True))
            batch_op.add_column(sa.Column("scheduled_at", sa.DateTime(), nullable=True))
            batch_op.add_column(sa.Column("scheduled_by_id", sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f"ix_{table}_scheduled_at"), ["scheduled_at"])
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_last_edited_by_id_users"),
                "users",
                ["last_edited_by_id"],
                ["id"],
            )
            batch_op.create_foreign_key(
                batch_op.f(f"fk_{table}_scheduled_by_id_users"),
                "users",
                ["scheduled_by_id"],
                ["id"],
            )


def downgrade():
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_scheduled_by_id_users"), type_="foreignkey"
            )
            batch_op.drop_constraint(
                batch_op.f(f"fk_{table}_last_edited_by_id_users"), type_="foreignkey"
            )
            batch_op.drop_index(batch_op.f(f"ix_{table}_scheduled_at"))
            batch_op.drop_column("scheduled_by_id")
            batch_op.drop_column("scheduled_at")
            batch_op.drop_column("last_edited_at")
            batch_op.drop_column("last_edited_by_id")
