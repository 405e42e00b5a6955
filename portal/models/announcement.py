"""Spot-check announcements (抽查公告) and their batch rows."""

from datetime import date

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, PublishableMixin, TimestampMixin


class Scope:
    """Where the samples were taken."""

    PRODUCTION = "生产"
    DISTRIBUTION = "流通"
    ECOMMERCE = "电商"
    ALL = (PRODUCTION, DISTRIBUTION, ECOMMERCE)


class Result:
    """Outcome of one batch."""

    PASS = "合格"  # noqa: S105 (a test result, not a password)
    FAIL = "不合格"
    ALL = (PASS, FAIL)


class Announcement(PublishableMixin, Base):
    """A spot-check announcement covering one product category."""

    __tablename__ = "announcements"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(256))
    category_id: Mapped[int] = mapped_column(ForeignKey("product_categories.id"), index=True)
    scope: Mapped[str] = mapped_column(String(8), index=True)
    period_start_on: Mapped[date] = mapped_column(Date)
    period_end_on: Mapped[date] = mapped_column(Date)
    issued_on: Mapped[date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text, default="")
    # The spot-check plan line this announcement reports on, if any (set by staff).
    plan_item_id: Mapped[int | None] = mapped_column(ForeignKey("plan_items.id"), index=True)

    category = relationship("ProductCategory", lazy="joined")
    batches = relationship(
        "Batch", back_populates="announcement", order_by="Batch.id", cascade="all, delete-orphan"
    )

    def __repr__(self) -> str:
        return f"<Announcement {self.number}>"


class Batch(TimestampMixin, Base):
    """One sampled batch of a product and its test result."""

    __tablename__ = "batches"
    # Batch totals (all, failed) of an announcement and lists filtered by result or district
    # (read in announcement order) are counted from these indexes alone.
    __table_args__ = (
        Index("ix_batches_announcement_id_result", "announcement_id", "result"),
        Index("ix_batches_announcement_id_district", "announcement_id", "district"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement_id: Mapped[int] = mapped_column(ForeignKey("announcements.id"), index=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("product_categories.id"), index=True)
    product_name: Mapped[str] = mapped_column(String(128))
    brand: Mapped[str | None] = mapped_column(String(64))
    model_spec: Mapped[str | None] = mapped_column(String(128))
    batch_code: Mapped[str | None] = mapped_column(String(64))
    produced_on: Mapped[date | None] = mapped_column(Date)
    result: Mapped[str] = mapped_column(String(8), index=True)
    failed_items: Mapped[list] = mapped_column(JSON, default=list)
    agency: Mapped[str] = mapped_column(String(128))
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    report_number: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)

    announcement = relationship("Announcement", back_populates="batches")
    enterprise = relationship("Enterprise", back_populates="batches", lazy="joined")
    category = relationship("ProductCategory", lazy="joined")

    @property
    def is_failed(self) -> bool:
        """True when the batch failed the test."""
        return self.result == Result.FAIL

    def __repr__(self) -> str:
        return f"<Batch {self.id} {self.product_name} {self.result}>"
