"""你点我检 campaigns: the choices citizens vote for, their ballots and one row per vote."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, TimestampMixin, utcnow


class CampaignStatus:
    """Life cycle of a campaign: staff draft it, open it for votes, close it."""

    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"
    ALL = (DRAFT, OPEN, CLOSED)
    LABELS = {DRAFT: "草稿", OPEN: "投票中", CLOSED: "已结束"}


class ChoiceKind:
    """What a choice names: a product category, a product, a test item or a sampling place."""

    CATEGORY = "category"
    PRODUCT = "product"
    TEST_ITEM = "test_item"
    PLACE = "place"
    ALL = (CATEGORY, PRODUCT, TEST_ITEM, PLACE)
    LABELS = {CATEGORY: "产品类别", PRODUCT: "产品", TEST_ITEM: "检测项目", PLACE: "抽样场所"}


class Campaign(TimestampMixin, Base):
    """A 你点我检 campaign open for votes during a period (stored as naive UTC)."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(128))
    description: Mapped[str] = mapped_column(Text, default="")
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    max_choices: Mapped[int] = mapped_column(Integer, default=3)
    status: Mapped[str] = mapped_column(String(16), default=CampaignStatus.DRAFT, index=True)

    choices = relationship(
        "CampaignChoice",
        back_populates="campaign",
        order_by="(CampaignChoice.position, CampaignChoice.id)",
        cascade="all, delete-orphan",
    )

    @property
    def is_public(self) -> bool:
        """True once staff opened the campaign (open or closed)."""
        return self.status != CampaignStatus.DRAFT

    def is_open_at(self, now: datetime) -> bool:
        """True when votes are taken at this naive UTC time."""
        return self.status == CampaignStatus.OPEN and self.starts_at <= now < self.ends_at

    @property
    def status_label(self) -> str:
        """The status in Chinese."""
        return CampaignStatus.LABELS.get(self.status, self.status)


class CampaignChoice(Base):
    """One option of a campaign."""

    __tablename__ = "campaign_choices"

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(String(200), default="")
    category_id: Mapped[int | None] = mapped_column(ForeignKey("product_categories.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)

    campaign = relationship("Campaign", back_populates="choices")
    category = relationship("ProductCategory")

    @property
    def kind_label(self) -> str:
        """The kind in Chinese."""
        return ChoiceKind.LABELS.get(self.kind, self.kind)


class CampaignBallot(Base):
    """One person's ballot: one per voter id and campaign (the unique constraint refuses more)."""

    __tablename__ = "campaign_ballots"
    __table_args__ = (UniqueConstraint("campaign_id", "voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    voter_id: Mapped[str] = mapped_column(String(64))
    # Keyed hash of the client address and the local day: never the address itself.
    client_hash: Mapped[str] = mapped_column(String(64), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    votes = relationship("CampaignVote", back_populates="ballot", cascade="all, delete-orphan")


class CampaignVote(Base):
    """One chosen option of a ballot: a vote counted is a row stored."""

    __tablename__ = "campaign_votes"
    __table_args__ = (UniqueConstraint("ballot_id", "choice_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("campaign_ballots.id"), index=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("campaigns.id"), index=True)
    choice_id: Mapped[int] = mapped_column(ForeignKey("campaign_choices.id"), index=True)
    voter_id: Mapped[str] = mapped_column(String(64))

    ballot = relationship("CampaignBallot", back_populates="votes")
