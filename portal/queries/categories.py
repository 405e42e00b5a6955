"""Read side of product categories."""

from flask_babel import gettext as _
from sqlalchemy import Select, or_, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Batch, ProductCategory
from portal.queries.stats import Figures, TallyFilter, tally_figures


def find_category(value: str) -> ProductCategory | None:
    """The category whose code or name is `value` (the one rule for category arguments)."""
    matches = db.session.scalars(
        select(ProductCategory).where(
            or_(ProductCategory.code == value, ProductCategory.name == value)
        )
    ).all()
    by_code = [category for category in matches if category.code == value]
    return (by_code or matches or [None])[0]


def get_category(value: str) -> ProductCategory:
    """Return the category with this code or name, or raise NotFoundError (a 404)."""
    category = find_category(value)
    if category is None:
        raise NotFoundError(
            _("没有代码或名称为“%(value)s”的产品类别。请从产品类别列表中选择。", value=value)
        )
    return category


def category_condition(column, code: str):
    """SQL condition: a category foreign key equals the id of the category with this code.

    A scalar subquery, so the database can use the index on the filtered table's column.
    """
    return (
        column == select(ProductCategory.id).where(ProductCategory.code == code).scalar_subquery()
    )


def category_figures(category: ProductCategory) -> Figures:
    """Batch counts of a category over all published announcements."""
    return tally_figures(TallyFilter(category_id=category.id))


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
