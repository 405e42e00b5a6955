"""Enterprises: producers and sellers identified by their 统一社会信用代码."""

from datetime import datetime

from sqlalchemy import Boolean, DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, TimestampMixin, utcnow


class Enterprise(TimestampMixin, Base):
    """A producer or seller identified by its 统一社会信用代码."""

    __tablename__ = "enterprises"

    id: Mapped[int] = mapped_column(primary_key=True)
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    address: Mapped[str | None] = mapped_column(String(256))
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    licence_number: Mapped[str | None] = mapped_column(String(64))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)

    batches = relationship("Batch", back_populates="enterprise", lazy="dynamic")
    recalls = relationship("Recall", back_populates="enterprise", lazy="dynamic")
    former_names = relationship(
        "EnterpriseName",
        back_populates="enterprise",
        order_by="EnterpriseName.replaced_at.desc()",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Enterprise {self.credit_code} {self.name}>"


class EnterpriseName(Base):
    """A name an enterprise used before (曾用名), kept when a newer name replaced it."""

    __tablename__ = "enterprise_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(ForeignKey("enterprises.id"), index=True)
    name: Mapped[str] = mapped_column(String(128), index=True)
    replaced_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)

    enterprise = relationship("Enterprise", back_populates="former_names")

    def __repr__(self) -> str:
        return f"<EnterpriseName {self.name}>"
