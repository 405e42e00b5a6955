"""What gunicorn's master loads before it forks, so every worker shares it from its start.

Each worker would otherwise open the search index, read its facet columns, build the spelling
vocabulary and compile every template on its first requests: private memory per worker, and
time before its first answers. Nothing here may stop the server: a failure is logged and the
workers load what is missing themselves, as before.
"""

import logging
import time
from datetime import date

from babel.dates import format_date
from babel.numbers import format_decimal
from flask import Flask

from portal.i18n import LOCALES
from portal.search import preload as preload_search_index

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt")


def preload(app: Flask) -> None:
    """Load the search index and dictionaries and compile the templates in this process."""
    started = time.perf_counter()
    for step in (preload_search, compile_templates, load_locale_data):
        try:
            step(app)
        except Exception:
            logger.exception("Preloading (%s) failed: each worker loads it itself", step.__name__)
    logger.info("Preloaded in %.2f s", time.perf_counter() - started)


def preload_search(app: Flask) -> None:
    """The search index's searcher and columns, the spelling vocabulary, the analysers."""
    preload_search_index(app)


def compile_templates(app: Flask) -> int:
    """Compile every page, feed and mail template into the environment's cache; return how
    many."""
    environment = app.jinja_env
    names = environment.list_templates(filter_func=lambda name: name.endswith(TEMPLATE_SUFFIXES))
    for name in names:
        environment.get_template(name)
    return len(names)


def load_locale_data(app: Flask) -> None:
    """Babel's date and number data of each language (about 3.5 MB read on first use)."""
    for locale in LOCALES:
        format_date(date(2026, 1, 1), format="long", locale=locale)
        format_decimal(1234.5, locale=locale)
