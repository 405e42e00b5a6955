"""A lost index is rebuilt once, with a clear 503 meanwhile; never a silent empty result."""

import shutil
import threading

import pytest

from portal.search import maintenance, registry
from portal.search.locking import rebuild_lock


def test_one_rebuild_at_a_time(app, corpus):
    with rebuild_lock(wait=True) as held:
        assert held
        outcome = {}
        # Another process or thread asking without waiting is told someone else rebuilds.
        worker = threading.Thread(
            target=lambda: outcome.setdefault("count", in_context(app, wait=False))
        )
        worker.start()
        worker.join()
        assert outcome["count"] is None
    assert maintenance.rebuild_index(wait=False) > 0


def in_context(app, wait):
    """Run rebuild_index in a fresh app context (as another worker would)."""
    with app.app_context():
        return maintenance.rebuild_index(wait=wait)


def test_deleted_whoosh_index_answers_503_then_recovers(app, client, corpus):
    backend = registry.backend()
    if backend.name != "whoosh":
        pytest.skip("the PostgreSQL index lives in the database, not in files")
    maintenance.rebuild_index()
    assert client.get("/search?q=电缆").status_code == 200
    shutil.rmtree(backend.folder)
    # The page stored before the loss is still right (same content version) and is served; a
    # search that needs the index answers 503.
    assert client.get("/search?q=电缆").status_code == 200
    response = client.get("/search?q=电缆 合格")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    api = client.get("/api/v1/search?q=电缆 合格")
    assert api.status_code == 503
    assert api.headers["Retry-After"]
    state = registry.state()
    if state.rebuild_thread is not None:
        state.rebuild_thread.join(timeout=120)
    recovered = client.get("/search?q=电缆")
    assert recovered.status_code == 200
    assert "电缆" in recovered.get_data(as_text=True)


def test_an_empty_portal_finds_nothing_without_error(client):
    assert client.get("/search?q=电缆").status_code == 200
