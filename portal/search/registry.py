"""The configured backend of the current app, and the state of a background rebuild."""

import threading
from dataclasses import dataclass, field

from flask import Flask, current_app

from portal.search.backend import SearchBackend

EXTENSION = "portal_search"


@dataclass
class SearchState:
    """The app's backend and whether a rebuild is running."""

    backend: SearchBackend
    rebuilding: threading.Event = field(default_factory=threading.Event)
    rebuild_thread: threading.Thread | None = None


def make_backend(app: Flask) -> SearchBackend:
    """Instantiate the backend named by SEARCH_BACKEND."""
    name = app.config["SEARCH_BACKEND"]
    if name == "postgres":
        from portal.search.postgres import PostgresBackend

        return PostgresBackend()
    if name != "whoosh":
        raise ValueError(f"Unknown PORTAL_SEARCH_BACKEND {name!r} (whoosh or postgres)")
    from portal.search.whoosh import WarmSettings, WhooshBackend

    warming = WarmSettings(
        terms=app.config["SEARCH_WARM_TERMS"],
        seconds=app.config["SEARCH_WARM_SECONDS"],
        interval=app.config["SEARCH_WARM_INTERVAL"],
    )
    return WhooshBackend(app.config["SEARCH_INDEX_DIR"], warming)


def state(app: Flask | None = None) -> SearchState:
    """The search state of the app (the current one by default)."""
    return (app or current_app).extensions[EXTENSION]


def backend(app: Flask | None = None) -> SearchBackend:
    """The search backend of the app."""
    return state(app).backend


def is_rebuilding(app: Flask | None = None) -> bool:
    """True while a background rebuild runs."""
    return state(app).rebuilding.is_set()
