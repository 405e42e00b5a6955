"""Defective-product recalls (缺陷产品召回)."""

from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, PublishableMixin


class RecallType:
    """Who initiated the recall."""

    VOLUNTARY = "主动召回"
    ORDERED = "责令召回"
    ALL = (VOLUNTARY, ORDERED)


class RecallKind:
    """Regulatory family of the recalled product."""

    CONSUMER = "消费品"
    VEHICLE = "汽车"
    INDUSTRIAL = "工业产品"
    ALL = (CONSUMER, VEHICLE, INDUSTRIAL)


class Recall(PublishableMixin, Base):
    """A recall notice with the defect, hazard and remedy."""

    __tablename__ = "recalls"

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(256))
    recall_type: Mapped[str] = mapped_column(String(8), index=True)
    kind: Mapped[str] = mapped_column(String(8), index=True)
    category_id: Mapped[int | None] = mapped_column(ForeignKey("product_categories.id"), index=True)
    enterprise_id: Mapped[int | None] = mapped_column(ForeignKey("enterprises.id"), index=True)
    product_name: Mapped[str] = mapped_column(String(128))
    models: Mapped[str] = mapped_column(Text, default="")
    production_start_on: Mapped[date | None] = mapped_column(Date)
    production_end_on: Mapped[date | None] = mapped_column(Date)
    quantity: Mapped[int | None] = mapped_column(Integer)
    defect: Mapped[str] = mapped_column(Text)
    hazard: Mapped[str] = mapped_column(Text)
    remedy: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(Text, default="")
    announced_on: Mapped[date] = mapped_column(Date, index=True)

    category = relationship("ProductCategory", lazy="joined")
    enterprise = relationship("Enterprise", back_populates="recalls", lazy="joined")

    def __repr__(self) -> str:
        return f"<Recall {self.number}>"
