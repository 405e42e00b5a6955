"""The product catalogue: categories of the spot-check catalogue, their products and test items."""

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

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

    products = relationship(
        "CatalogProduct",
        back_populates="category",
        order_by="CatalogProduct.position",
        cascade="all, delete-orphan",
    )
    test_items = relationship(
        "CatalogTestItem",
        back_populates="category",
        order_by="CatalogTestItem.position",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<ProductCategory {self.code} {self.name}>"


class CatalogProduct(Base):
    """A product name sampled under a category (聚氯乙烯绝缘电线 under 电线电缆)."""

    __tablename__ = "catalog_products"
    __table_args__ = (UniqueConstraint("category_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("product_categories.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))

    category = relationship("ProductCategory", back_populates="products")


class CatalogTestItem(Base):
    """A test item checked for a category (导体电阻 for 电线电缆)."""

    __tablename__ = "catalog_test_items"
    __table_args__ = (UniqueConstraint("category_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    category_id: Mapped[int] = mapped_column(ForeignKey("product_categories.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(64))

    category = relationship("ProductCategory", back_populates="test_items")
