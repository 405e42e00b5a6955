"""Chinese full-text search over announcements, batches, recalls, articles and enterprises.

Two engines behind one SearchBackend protocol: search.whoosh (embedded, the only code that imports
Whoosh) and search.postgres (PostgreSQL full-text search). Callers use SearchArgs and search().
"""

from pathlib import Path

from flask import Flask

from portal.search.results import FacetValue, Hit, SearchPage
from portal.search.schemas import SearchArgs
from portal.search.service import search

__all__ = [
    "FacetValue",
    "Hit",
    "SearchArgs",
    "SearchPage",
    "init_app",
    "preload",
    "search",
    "watch_index",
]


def init_app(app: Flask) -> None:
    """Set up the backend, jieba, the session listeners, the CLI and the start-up check."""
    from portal.search import analysis, maintenance, registry, sync
    from portal.search.cli import register_search_commands

    app.extensions[registry.EXTENSION] = registry.SearchState(registry.make_backend(app))
    analysis.init_jieba(Path(app.instance_path) / "jieba")
    sync.register_session_events()
    register_search_commands(app)
    mode = app.config.get("SEARCH_STARTUP_REBUILD") or default_startup_mode(app)
    maintenance.ensure_index(app, mode)


def default_startup_mode(app: Flask) -> str:
    """Rebuild in the background when serving; not in tests or CLI commands other than `run`."""
    import click

    if app.testing:
        return "off"
    context = click.get_current_context(silent=True)
    return "off" if context is not None and context.command.name != "run" else "background"


def preload(app: Flask) -> None:
    """Load what every search reads (the index's searcher and facet columns, the spelling
    vocabulary, the first use of jieba, OpenCC and pypinyin), in gunicorn's master before it
    forks, so workers share it instead of each loading its own on its first search."""
    from portal.search import registry, understanding

    with app.app_context():
        registry.backend(app).preload()
        understanding.known_words()
        understanding.understand("電線电缆 dianxian")


def watch_index(app: Flask) -> None:
    """Start this worker's index watcher (after gunicorn's fork): it reopens the searcher and
    reads the frequent terms ahead when the index changes; none when SEARCH_WARM_INTERVAL is 0."""
    from portal.search import registry

    if app.config["SEARCH_WARM_INTERVAL"] > 0:
        registry.backend(app).watch()
