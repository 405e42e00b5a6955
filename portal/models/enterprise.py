"""Enterprises: producers and sellers identified by their 统一社会信用代码."""

from sqlalchemy import Boolean, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, TimestampMixin


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

    def __repr__(self) -> str:
        return f"<Enterprise {self.credit_code} {self.name}>"
