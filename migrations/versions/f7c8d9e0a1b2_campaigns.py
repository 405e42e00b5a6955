"""你点我检 campaigns: choices, ballots, votes; plan items from choices; announcements on plan items

Revision ID: f7c8d9e0a1b2
Revises: d4e5f6a7b8c9
Create Date: 2026-11-29 01:50:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f7c8d9e0a1b2"
down_revision = "d4e5f6a7b8c9"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "campaigns",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("max_choices", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaigns")),
    )
    with op.batch_alter_table("campaigns") as batch_op:
        batch_op.create_index(batch_op.f("ix_campaigns_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_campaigns_updated_at"), ["updated_at"], unique=False)
    op.create_table(
        "campaign_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("label", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_choices_campaign_id_campaigns"),
        ),
        sa.ForeignKeyConstraint(
            ["category_id"],
            ["product_categories.id"],
            name=op.f("fk_campaign_choices_category_id_product_categories"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_choices")),
    )
    with op.batch_alter_table("campaign_choices") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_choices_campaign_id"), ["campaign_id"], unique=False
        )
    op.create_table(
        "campaign_ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("voter_id", sa.String(length=64), nullable=False),
        sa.Column("client_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_ballots_campaign_id_campaigns"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_ballots")),
        sa.UniqueConstraint(
            "campaign_id", "voter_id", name=op.f("uq_campaign_ballots_campaign_id")
        ),
    )
    with op.batch_alter_table("campaign_ballots") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_ballots_campaign_id"), ["campaign_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_campaign_ballots_client_hash"), ["client_hash"], unique=False
        )
    op.create_table(
        "campaign_votes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ballot_id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("choice_id", sa.Integer(), nullable=False),
        sa.Column("voter_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["ballot_id"],
            ["campaign_ballots.id"],
            name=op.f("fk_campaign_votes_ballot_id_campaign_ballots"),
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_votes_campaign_id_campaigns"),
        ),
        sa.ForeignKeyConstraint(
            ["choice_id"],
            ["campaign_choices.id"],
            name=op.f("fk_campaign_votes_choice_id_campaign_choices"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_votes")),
        sa.UniqueConstraint("ballot_id", "choice_id", name=op.f("uq_campaign_votes_ballot_id")),
    )
    with op.batch_alter_table("campaign_votes") as batch_op:
        for column in ("ballot_id", "campaign_id", "choice_id"):
            batch_op.create_index(
                batch_op.f(f"ix_campaign_votes_{column}"), [column], unique=False
            )
    with op.batch_alter_table("plan_items") as batch_op:
        batch_op.add_column(sa.Column("campaign_choice_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_plan_items_campaign_choice_id_campaign_choices"),
            "campaign_choices",
            ["campaign_choice_id"],
            ["id"],
        )
    with op.batch_alter_table("announcements") as batch_op:
        batch_op.add_column(sa.Column("plan_item_id", sa.Integer(), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_announcements_plan_item_id"), ["plan_item_id"], unique=False
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_announcements_plan_item_id_plan_items"),
            "plan_items",
            ["plan_item_id"],
            ["id"],
        )


def downgrade():
    with op.batch_alter_table("announcements") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_announcements_plan_item_id_plan_items"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_announcements_plan_item_id"))
        batch_op.drop_column("plan_item_id")
    with op.batch_alter_table("plan_items") as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_plan_items_campaign_choice_id_campaign_choices"), type_="foreignkey"
        )
        batch_op.drop_column("campaign_choice_id")
    op.drop_table("campaign_votes")
    op.drop_table("campaign_ballots")
    op.drop_table("campaign_choices")
    op.drop_table("campaigns")
