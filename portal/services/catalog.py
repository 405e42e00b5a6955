"""Write side of the product catalogue: import (upsert by code) from a CSV file."""

import logging
from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import CatalogProduct, CatalogTestItem, ProductCategory
from portal.search.vocabulary import refresh_user_words
from portal.services.audit import record_action
from portal.services.catalog_csv import CatalogRow, read_catalog_csv
from portal.services.content import bump_content_version

logger = logging.getLogger(__name__)


@dataclass
class CatalogImport:
    """What an import did: category codes created, updated and left unchanged."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def import_catalog(data: bytes | str, filename: str, user=None, remote_addr="") -> CatalogImport:
    """Create or update the categories of a catalogue CSV (by code): all rows or nothing."""
    rows = read_catalog_csv(data)
    existing = {c.code: c for c in db.session.scalars(select(ProductCategory))}
    check_names(rows, existing)
    result = CatalogImport()
    for row in rows:
        category = existing.get(row.code)
        if category is None:
            db.session.add(new_category(row))
            result.created.append(row.code)
        elif update_category(category, row):
            result.updated.append(row.code)
        else:
            result.unchanged.append(row.code)
    flush_or_explain()
    if result.created or result.updated:
        details = {"filename": filename, "created": result.created, "updated": result.updated}
        record_action(user, "import_catalog", ("catalog", None), details, remote_addr)
        bump_content_version()
    db.session.commit()
    logger.info(
        "Catalogue %s: %d new, %d updated", filename, len(result.created), len(result.updated)
    )
    refresh_vocabulary()
    return result


def check_names(rows: list[CatalogRow], existing: dict[str, ProductCategory]) -> None:
    """Raise when a row's name is held by a stored category the file does not rename."""
    codes_in_file = {row.code for row in rows}
    held = {c.name: code for code, c in existing.items() if code not in codes_in_file}
    errors = {
        gettext("第%(line)s行", line=row.line): [
            gettext(
                "名称“%(name)s”已被代码 %(code)s 的类别使用。", name=row.name, code=held[row.name]
            )
        ]
        for row in rows
        if row.name in held
    }
    if errors:
        message = gettext("目录文件有 %(count)s 行有误，未保存任何内容。", count=len(errors))
        raise InvalidInputError(message, errors=errors)


def flush_or_explain() -> None:
    """Flush the changes; a name clash the row checks cannot see (a swap) changes nothing."""
    try:
        db.session.flush()
    except IntegrityError:
        db.session.rollback()
        raise InvalidInputError(
            gettext("类别名称冲突（例如两个类别互换名称），未保存任何内容：请分两次导入。"),
            errors={gettext("文件"): [gettext("名称冲突。")]},
        ) from None


def new_category(row: CatalogRow) -> ProductCategory:
    """An unsaved category built from a row, with its products and test items."""
    category = ProductCategory(code=row.code)
    update_category(category, row)
    return category


def update_category(category: ProductCategory, row: CatalogRow) -> bool:
    """Copy a row onto a category; return whether anything changed."""
    values = {
        "name": row.name,
        "group_name": row.group_name,
        "risk_level": row.risk_level,
        "is_key_product": row.is_key_product,
        "description": row.description,
    }
    changed = any(getattr(category, key) != value for key, value in values.items())
    for key, value in values.items():
        setattr(category, key, value)
    changed |= sync_names(category.products, row.products, CatalogProduct)
    changed |= sync_names(category.test_items, row.test_items, CatalogTestItem)
    return changed


def sync_names(collection: list, names: tuple[str, ...], model: type) -> bool:
    """Make an ordered collection hold exactly these names, keeping rows whose name stays."""
    if [item.name for item in collection] == list(names):
        return False
    by_name = {item.name: item for item in collection}
    items = []
    for position, name in enumerate(names):
        item = by_name.pop(name, None) or model(name=name)
        item.position = position
        items.append(item)
    collection[:] = items
    return True


def refresh_vocabulary() -> None:
    """Give the search analyser the catalogue's words (new documents are cut with them)."""
    refresh_user_words()
