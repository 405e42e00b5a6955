"""Fixtures of the Whoosh backend's tests."""

import pytest

from portal.search import registry


@pytest.fixture
def whoosh(app):
    """The Whoosh backend keeping every term's documents (so the tiny corpus uses the posting
    cache and warms); its index watcher, if one started, is stopped afterwards."""
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("Whoosh backend only")
    backend = registry.backend()
    backend._postings.min_docs = 1
    yield backend
    if backend.watcher is not None:
        backend.watcher.stop()
        backend.watcher.join(timeout=5)
