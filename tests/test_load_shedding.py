"""A process runs a bounded number of searches at once; the rest get a quick 503."""

import threading
import time

import pytest

from portal.load_shedding import EXTENSION, BusyError, SearchBusyError, costly_slot, search_slot


@pytest.fixture
def busy(app):
    """Every search slot taken by another request until the test ends."""
    app.config["COSTLY_QUEUE_SECONDS"] = 0.05
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


def assert_busy(kind: str = "search", error=SearchBusyError) -> None:
    """One more slot of this kind cannot be had."""
    with pytest.raises(error), costly_slot(kind, error):
        pass


def test_the_bound_is_a_setting(app):
    app.config.update(COSTLY_CONCURRENCY=2, COSTLY_QUEUE_SECONDS=0.01)
    with app.test_request_context(), search_slot(), search_slot():
        assert_busy()
    with app.test_request_context(), search_slot():
        pass  # released on the way out


def test_an_uncached_statistics_page_waits_for_its_own_slot(app, client):
    app.config["COSTLY_QUEUE_SECONDS"] = 0.01
    with app.test_request_context(), costly_slot("stats"):
        for path in ("/stats/?year=2026", "/api/v1/stats?year=2026"):
            response = client.get(path)
            assert response.status_code == 503
            assert response.headers["Retry-After"]
        assert client.get("/search?q=电线").status_code == 200  # another kind's slots
    assert client.get("/stats/?year=2026").status_code == 200
    with app.test_request_context(), costly_slot("stats"):
        assert_busy("stats", BusyError)


def test_beyond_the_queue_length_the_answer_is_at_once(app):
    app.config.update(COSTLY_QUEUE_SECONDS=5, COSTLY_QUEUE_LENGTH=1)
    waiting, outcome = threading.Event(), []

    def wait_for_a_turn():
        with app.test_request_context():
            waiting.set()
            try:
                with search_slot():
                    outcome.append("ran")
            except SearchBusyError:
                outcome.append("refused")

    with app.test_request_context(), search_slot():
        waiter = threading.Thread(target=wait_for_a_turn)
        waiter.start()
        assert waiting.wait(5)
        slots = app.extensions[EXTENSION]["search"]
        deadline = time.monotonic() + 10
        while slots.waiting < 1 and time.monotonic() < deadline:
            time.sleep(0.01)  # until the waiter is queued for its turn
        assert slots.waiting == 1
        started = time.monotonic()
        assert_busy()  # the queue is full: refused without waiting its 5 s
        assert time.monotonic() - started < 2
    waiter.join(10)
    assert outcome == ["ran"]  # the queued request got the slot once it was free
