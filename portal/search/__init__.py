"""Chinese full-text search over announcements, batches, recalls, articles and enterprises.

This package is the only code that imports Whoosh. Callers use SearchArgs and search().
"""

from pathlib import Path

from flask import Flask

from portal.search.results import FacetValue, Hit, SearchPage
from portal.search.schemas import SearchArgs
from portal.search.service import search

__all__ = ["FacetValue", "Hit", "SearchArgs", "SearchPage", "init_app", "search"]


def init_app(app: Flask) -> None:
    """Set up the backend, jieba, the session listeners, the CLI and the start-up check."""
    from portal.search import analysis, maintenance, registry, sync
    from portal.search.cli import register_search_commands

    app.extensions[registry.EXTENSION] = registry.SearchState(registry.make_backend(app))
    analysis.init_jieba(Path(app.instance_path) / "jieba")
    sync.register_session_events()
    register_search_commands(app)
    mode = app.config.get("SEARCH_STARTUP_REBUILD") or ("off" if app.testing else "background")
    maintenance.ensure_index(app, mode)
