"""enterprise_names: former names (曾用名) kept when an enterprise is renamed

Revision ID: d4e5f6a7b8c9
Revises: e5f6a7b8c9d0
Create Date: 2026-11-29 00:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d4e5f6a7b8c9"
down_revision = "e5f6a7b8c9d0"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "enterprise_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("enterprise_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("replaced_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["enterprise_id"],
            ["enterprises.id"],
            name=op.f("fk_enterprise_names_enterprise_id_enterprises"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enterprise_names")),
    )
    with op.batch_alter_table("enterprise_names", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_enterprise_names_enterprise_id"), ["enterprise_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_enterprise_names_name"), ["name"], unique=False)


def downgrade():
    with op.batch_alter_table("enterprise_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enterprise_names_name"))
        batch_op.drop_index(batch_op.f("ix_enterprise_names_enterprise_id"))
    op.drop_table("enterprise_names")
