"""alert_subscriptions.language: mails in the language the address subscribed in

Revision ID: f3b8c1d5e7a9
Revises: b7d3e1f5a9c2
Create Date: 2026-11-29 08:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f3b8c1d5e7a9"
down_revision = "b7d3e1f5a9c2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("alert_subscriptions") as batch:
        batch.add_column(
            sa.Column("language", sa.String(length=8), nullable=False, server_default="zh")
        )


def downgrade():
    with op.batch_alter_table("alert_subscriptions") as batch:
        batch.drop_column("language")
