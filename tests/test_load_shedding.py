"""A process runs a bounded number of searches at once; the rest get a quick 503."""

import threading

import pytest

from portal.load_shedding import SearchBusyError, search_slot


@pytest.fixture
def busy(app):
    """Every search slot taken by another request until the test ends."""
    app.config["SEARCH_QUEUE_SECONDS"] = 0.05
    taken, release = threading.Event(), threading.Event()

    def hold():
        with app.app_context(), search_slot():
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=hold)
    holder.start()
    assert taken.wait(5)
    yield
    release.set()
    holder.join()


@pytest.mark.parametrize(
    "path", ["/search?q=电线", "/api/v1/search?q=电线", "/feeds/search.atom?q=电线"]
)
def test_searches_beyond_the_bound_are_answered_503(client, busy, path):
    response = client.get(path)
    assert response.status_code == 503
    assert int(response.headers["Retry-After"]) > 0


def test_a_search_runs_when_a_slot_is_free(client):
    assert client.get("/search?q=电线").status_code == 200
    assert client.get("/feeds/search.atom?q=电线").status_code == 200


def assert_busy() -> None:
    """A third search cannot start."""
    with pytest.raises(SearchBusyError), search_slot():
        pass


def test_the_bound_is_a_setting(app):
    app.config.update(SEARCH_CONCURRENCY=2, SEARCH_QUEUE_SECONDS=0.01)
    with app.test_request_context(), search_slot(), search_slot():
        assert_busy()
    with app.test_request_context(), search_slot():
        pass  # released on the way out
