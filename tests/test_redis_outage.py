"""When Redis is unreachable or hangs, pages are served uncached and /healthz says so."""

import socket
import threading
import time

import pytest

from portal import create_app
from portal.extensions import db
from tests.conftest import make_test_config


def free_port() -> int:
    """A TCP port nothing listens on (for an unreachable Redis)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def hung_redis():
    """A server that accepts connections and never answers, like a hung Redis."""
    server = socket.create_server(("127.0.0.1", 0))
    accepted = []

    def accept_forever():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept_forever, daemon=True).start()
    yield server.getsockname()[1]
    server.close()
    for connection in accepted:
        connection.close()


def redis_app(tmp_path, database_url, port: int):
    """An app whose cache and rate limits point at Redis on the given port."""
    url = f"redis://127.0.0.1:{port}/0"
    config = make_test_config(
        tmp_path, database_url, CACHE_URL=url, RATELIMIT_STORAGE_URI=url, CACHE_TYPE=None
    )
    app = create_app(config)
    with app.app_context():
        db.create_all()
    return app


@pytest.mark.parametrize("kind", ["unreachable", "hung"])
def test_pages_and_api_keep_answering_without_redis(tmp_path, database_url, request, kind):
    port = free_port() if kind == "unreachable" else request.getfixturevalue("hung_redis")
    app = redis_app(tmp_path, database_url, port)
    client = app.test_client()
    started = time.monotonic()
    for path in ("/", "/announcements/", "/api/v1/announcements", "/feeds/all.atom", "/stats/"):
        assert client.get(path).status_code == 200, path
    assert time.monotonic() - started < 8  # one timeout per outage, not one per request
    health = client.get("/healthz")
    assert health.status_code == 200
    assert health.get_json()["cache"] == "degraded"
    assert health.get_json()["status"] == "degraded"
    with app.app_context():
        db.drop_all()
        db.engine.dispose()


def test_healthz_reports_each_dependency(client):
    body = client.get("/healthz").get_json()
    assert body["database"] == "ok"
    assert body["cache"] == "ok"
    assert body["search"] in {"ok", "missing"}
