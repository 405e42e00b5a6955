"""PostgreSQL that stops answering, through a proxy the test holds (never the machine's
server): pooled connections whose bytes go nowhere, and new connections accepted but never
answered. Requests answer 503 with Retry-After within the configured limits, /healthz says the
database is unavailable, commands are not limited, and the site recovers once bytes flow."""

import time
from collections import Counter

import pytest
from sqlalchemy import text

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config
from tests.faults.conftest import get, load
from tests.faults.tcp_proxy import TcpProxy
from tests.faults.test_database_outage import URLS, wait_until
from tests.served import gunicorn, init_db, instance_env

LIMIT = 2  # seconds: both the connect timeout and the round-trip limit of these apps
SLACK = 1.5  # seconds a loaded machine may add to a limit
PROBLEM, PAGE = "application/problem+json", "text/html"


@pytest.fixture
def proxied(tmp_path, own_postgres_database):
    """An app (response cache off) whose database is reached through a TcpProxy."""
    with TcpProxy("127.0.0.1", 5432) as proxy:
        url = f"postgresql://postgres@127.0.0.1:{proxy.port}/{own_postgres_database}"
        config = make_test_config(
            tmp_path,
            url,
            DATABASE_CONNECT_TIMEOUT=LIMIT,
            DATABASE_QUERY_TIMEOUT=LIMIT,
            DISABLE_RESPONSE_CACHE=True,
        )
        app = create_app(config)
        with app.app_context():
            db.create_all()
        yield app, proxy
        proxy.resume()
        with app.app_context():
            db.engine.dispose()


def timed_get(client, url: str):
    """A GET and the seconds it took."""
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def assert_unavailable(response, seconds: float, mimetype: str) -> None:
    """A 503 with Retry-After, as a problem document, a page or the health report, in time."""
    assert response.status_code == 503, response.get_data(as_text=True)[:300]
    assert response.headers["Retry-After"] == "30"
    assert response.mimetype == mimetype
    assert seconds < LIMIT + SLACK, f"took {seconds:.1f} s"


def test_hung_pooled_connection_answers_503_within_the_limit(proxied):
    app, proxy = proxied
    client = app.test_client()
    assert client.get("/api/v1/batches").status_code == 200  # a pooled connection exists
    proxy.hang()
    for url, mimetype in (
        ("/api/v1/batches", PROBLEM),
        ("/announcements/", PAGE),
        ("/recalls/", PAGE),
    ):
        response, seconds = timed_get(client, url)
        assert_unavailable(response, seconds, mimetype)
    response, seconds = timed_get(client, "/healthz")
    assert_unavailable(response, seconds, "application/json")
    assert response.json["database"] == "unavailable"
    proxy.resume()
    assert client.get("/healthz").json["database"] == "ok"
    assert client.get("/api/v1/batches").status_code == 200


def test_unanswered_new_connection_answers_503_within_the_connect_timeout(proxied):
    app, proxy = proxied
    with app.app_context():
        db.engine.dispose()  # no pooled connection: every request must open one
    proxy.hang()
    client = app.test_client()
    for url, mimetype in (("/announcements/", PAGE), ("/api/v1/recalls", PROBLEM)):
        response, seconds = timed_get(client, url)
        assert_unavailable(response, seconds, mimetype)
    proxy.resume()
    assert client.get("/announcements/").status_code == 200


def test_a_request_waits_once_however_many_round_trips_it_needs(proxied):
    app, proxy = proxied
    client = app.test_client()
    client.get("/healthz")
    proxy.hang()
    # /healthz asks the database, then for the search lock, then rolls back: one wait in all.
    response, seconds = timed_get(client, "/healthz")
    assert response.status_code == 503
    assert LIMIT - 0.2 < seconds < LIMIT + SLACK, f"took {seconds:.1f} s"


def test_commands_and_threads_outside_requests_are_not_limited(proxied):
    app, _proxy = proxied
    with app.app_context():
        started = time.monotonic()
        db.session.execute(text("SELECT pg_sleep(:s)"), {"s": LIMIT + 0.5})
        assert time.monotonic() - started >= LIMIT + 0.5
        db.session.rollback()


def test_database_hanging_under_load(tmp_path, own_postgres_database):
    direct = f"postgresql://postgres@127.0.0.1:5432/{own_postgres_database}"
    init_db(instance_env(tmp_path, direct))
    with TcpProxy("127.0.0.1", 5432) as proxy:
        proxied_url = f"postgresql://postgres@127.0.0.1:{proxy.port}/{own_postgres_database}"
        env = instance_env(
            tmp_path,
            proxied_url,
            workers="2",
            threads="4",
            database_connect_timeout=str(LIMIT),
            database_query_timeout=str(LIMIT),
            cache_url="",
            response_cache_seconds="0",
            api_rate_limit="100000 per minute",
        )
        with gunicorn(env, log=tmp_path / "gunicorn.log") as base, load(base, URLS) as traffic:
            time.sleep(3)
            traffic.phase = "hung"
            proxy.hang()
            time.sleep(LIMIT * 3)
            health = get(base + "/healthz")
            time.sleep(LIMIT * 2)
            traffic.phase = "resumed"
            proxy.resume()
            assert wait_until(lambda: get(base + "/healthz")[0] == 200, 30)
            time.sleep(3)
            traffic.phase = "after"
            time.sleep(3)
    log = (tmp_path / "gunicorn.log").read_text()
    before, hung, after = traffic.of("before"), traffic.of("hung"), traffic.of("after")
    statuses = {
        phase: Counter(a.status for a in traffic.of(phase)) for phase in ("before", "hung", "after")
    }
    assert before, statuses
    assert all(a.status == 200 for a in before), statuses
    assert health[0] == 503, health
    assert health[1], "a 503 from /healthz says when to retry"
    # Pages the workers hold in memory may still answer 200; all else is a 503 to retry.
    unavailable = [a for a in hung if a.status == 503]
    assert len(unavailable) >= 8, statuses
    assert all(a.retry_after for a in unavailable)
    # No 500, no dropped connection and no request held past the limits, whenever it was asked.
    assert all(a.status in (200, 503) for a in traffic.answers), statuses
    slowest = max(a.seconds for a in traffic.answers)
    assert slowest < 2 * LIMIT + 2, f"a request took {slowest:.1f} s"
    assert after, statuses
    assert all(a.status == 200 for a in after), statuses
    assert "Traceback" not in log, log[-3000:]
