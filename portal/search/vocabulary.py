"""The user dictionary: product and regulation vocabulary jieba must keep whole.

The words are the shipped regulation terms (terms.txt) plus the category names, product names and
test items of the catalogue stored in the database. They are read when jieba is set up at app start
(inside an app context; before `init-db` the catalogue tables may be missing: then the shipped terms
alone) and again after a catalogue import (`refresh_user_words`). Documents indexed earlier keep
their tokens until `flask --app portal search rebuild`.
"""

import logging
import re
from functools import lru_cache
from pathlib import Path

from flask import has_app_context
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.models import CatalogProduct, CatalogTestItem, ProductCategory
from portal.search.analysis import add_user_words

logger = logging.getLogger(__name__)

CJK_WORD = re.compile(r"^[\u3400-\u9fff]+$")
TERMS_FILE = Path(__file__).resolve().parent / "terms.txt"


@lru_cache(maxsize=1)
def user_words() -> tuple[str, ...]:
    """Shipped regulation terms plus category, product and test-item names of the catalogue."""
    words = list(shipped_terms())
    words.extend(catalogue_words())
    return tuple(dict.fromkeys(words))


def shipped_terms() -> list[str]:
    """The regulation and result terms shipped in terms.txt."""
    words = [line.strip() for line in TERMS_FILE.read_text("utf-8").splitlines()]
    return [word for word in words if word and not word.startswith("#")]


def catalogue_words() -> list[str]:
    """Category names, product names and test items stored in the catalogue (none without it)."""
    if not has_app_context():
        return []
    try:
        names = stored_catalogue_names()
    except SQLAlchemyError:  # no catalogue tables yet (before init-db)
        db.session.rollback()
        logger.info("No catalogue tables yet: user words from terms.txt only")
        return []
    return [word for word in names if 2 <= len(word) <= 16 and CJK_WORD.match(word)]


def stored_catalogue_names() -> list[str]:
    """Every category, product and test-item name in the database."""
    names = list(db.session.scalars(select(ProductCategory.name).order_by(ProductCategory.code)))
    for model in (CatalogProduct, CatalogTestItem):
        names.extend(db.session.scalars(select(model.name).order_by(model.id)))
    return names


def refresh_user_words() -> list[str]:
    """Re-read the catalogue after it changed and add its new words to jieba; return them."""
    before = set(user_words())
    user_words.cache_clear()
    added = [word for word in user_words() if word not in before]
    add_user_words(added)
    return added
