"""Read side of product categories."""

from sqlalchemy import Select, func, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Batch, ProductCategory
from portal.queries.stats import Figures, batch_figures


def get_category(code: str) -> ProductCategory:
    """Return the category with this code, or raise NotFoundError."""
    category = db.session.scalar(select(ProductCategory).where(ProductCategory.code == code))
    if category is None:
        raise NotFoundError(f"没有代码为 {code} 的产品类别。")
    return category


def category_figures(category: ProductCategory) -> Figures:
    """Batch counts of a category over all published announcements."""
    return batch_figures(Batch.category_id == category.id)


def category_query() -> Select:
    """Select every category, ordered by code."""
    return select(ProductCategory).order_by(ProductCategory.code)


def all_categories() -> list[ProductCategory]:
    """Every category, ordered by code (for filter choices)."""
    return list(db.session.scalars(category_query()))


def categories_by_group() -> list[tuple[str, list[ProductCategory]]]:
    """Categories grouped by their group name, in code order."""
    groups: dict[str, list[ProductCategory]] = {}
    for category in all_categories():
        groups.setdefault(category.group_name, []).append(category)
    return list(groups.items())


def district_names() -> list[str]:
    """Districts that appear in batch rows (for filter choices)."""
    rows = db.session.scalars(
        select(Batch.district).where(Batch.district.is_not(None)).group_by(Batch.district)
    )
    return sorted(rows)


def category_count() -> int:
    """Number of categories in the catalogue."""
    return db.session.scalar(select(func.count(ProductCategory.id))) or 0
