"""staff sign-in: session tokens on users, failed sign-ins for the lock-out

Revision ID: d1e2f3a4b5c6
Revises: c7d3e4f5a6b7
Create Date: 2026-11-29 01:00:00

"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "d1e2f3a4b5c6"
down_revision = "c7d3e4f5a6b7"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users") as batch_op:
        batch_op.add_column(
            sa.Column("session_token", sa.String(length=32), nullable=False, server_default="")
        )
    users = sa.table("users", sa.column("id", sa.Integer), sa.column("session_token", sa.String))
    connection = op.get_bind()
    for (user_id,) in connection.execute(sa.select(users.c.id)).all():
        connection.execute(
            users.update().where(users.c.id == user_id).values(session_token=secrets.token_hex(16))
        )
    with op.batch_alter_table("users") as batch_op:
        batch_op.alter_column("session_token", server_default=None)
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("remote_addr", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sign_in_failures")),
    )
    with op.batch_alter_table("sign_in_failures") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sign_in_failures_created_at"), ["created_at"], unique=False
        )
        batch_op.create_index(
            "ix_sign_in_failures_remote_addr_created_at",
            ["remote_addr", "created_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_sign_in_failures_username_created_at", ["username", "created_at"], unique=False
        )


def downgrade():
    with op.batch_alter_table("sign_in_failures") as batch_op:
        batch_op.drop_index("ix_sign_in_failures_username_created_at")
        batch_op.drop_index("ix_sign_in_failures_remote_addr_created_at")
        batch_op.drop_index(batch_op.f("ix_sign_in_failures_created_at"))
    op.drop_table("sign_in_failures")
    with op.batch_alter_table("users") as batch_op:
        batch_op.drop_column("session_token")
