"""The product catalogue: categories of the spot-check catalogue."""

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


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
