"""Product categories and enterprises."""

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, TimestampMixin


class ProductCategory(Base):
    """A product category of the spot-check catalogue (电线电缆, 电动自行车 …)."""

    __tablename__ = "product_categories"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    group_name: Mapped[str] = mapped_column(String(32))
    risk_level: Mapped[str] = mapped_column(String(8), default="中")
    is_key_product: Mapped[bool] = mapped_column(Boolean, default=False)
    description: Mapped[str | None] = mapped_column(Text)

    def __repr__(self) -> str:
        return f"<ProductCategory {self.code} {self.name}>"


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
