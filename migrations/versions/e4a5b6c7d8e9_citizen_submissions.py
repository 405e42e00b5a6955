"""citizen submissions: place, test items, reply wish, publication, supporters, merges, photos

Revision ID: e4a5b6c7d8e9
Revises: f7c8d9e0a1b2
Create Date: 2026-11-29 01:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e4a5b6c7d8e9"
down_revision = "f7c8d9e0a1b2"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("submissions") as batch_op:
        batch_op.add_column(
            sa.Column("place", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("test_items", sa.String(length=200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("wants_reply", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("is_public", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("supporters", sa.Integer(), nullable=False, server_default="1")
        )
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_submissions_merged_into_id_submissions"),
            "submissions",
            ["merged_into_id"],
            ["id"],
        )
    with op.batch_alter_table("submissions") as batch_op:
        for name in ("place", "test_items", "wants_reply", "is_public", "supporters"):
            batch_op.alter_column(name, server_default=None)
    op.create_table(
        "submission_photos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=64), nullable=False),
        sa.Column("width", sa.Integer(), nullable=False),
        sa.Column("height", sa.Integer(), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_photos_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submission_photos")),
        sa.UniqueConstraint("file_name", name=op.f("uq_submission_photos_file_name")),
    )
    with op.batch_alter_table("submission_photos") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_submission_photos_submission_id"), ["submission_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("submission_photos") as batch_op:
        batch_op.drop_index(batch_op.f("ix_submission_photos_submission_id"))
    op.drop_table("submission_photos")
    with op.batch_alter_table("submissions") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_submissions_merged_into_id_submissions"), type_="foreignkey"
        )
        for name in (
            "merged_into_id",
            "supporters",
            "is_public",
            "wants_reply",
            "test_items",
            "place",
        ):
            batch_op.drop_column(name)
