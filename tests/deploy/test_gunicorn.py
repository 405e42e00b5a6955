"""gunicorn.conf.py serves the app: preloaded master, several workers, fresh connections."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT

BIN = Path(sys.executable).parent


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, or (0, b"") while the server is not up."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
            return response.status, response.read()
    except OSError:
        return 0, b""


@pytest.fixture
def environment(tmp_path, database_url):
    """Settings for a served instance on the test database, with the schema migrated."""
    env = dict(
        os.environ,
        PORTAL_DATABASE_URL=database_url.replace("postgresql+psycopg://", "postgresql://"),
        PORTAL_SEARCH_INDEX_DIR=str(tmp_path / "index"),
        PORTAL_CACHE_DIR=str(tmp_path / "cache"),
        PORTAL_EXPORT_DIR=str(tmp_path / "downloads"),
        PORTAL_SECRET_KEY="gunicorn-test",
        PORTAL_WORKERS="2",
        PORTAL_THREADS="2",
    )
    flask = [str(BIN / "flask"), "--app", "portal", "init-db"]
    subprocess.run(flask, cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    return env


def test_gunicorn_config_serves_pages_from_several_workers(environment):
    port = free_port()
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "wsgi:app"], cwd=PROJECT_ROOT, env=environment, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 90
        while fetch(f"http://127.0.0.1:{port}/healthz")[0] != 200:
            assert time.monotonic() < deadline, "gunicorn did not answer within 90 s"
            assert server.poll() is None, "gunicorn exited"
            time.sleep(0.5)
        for path in ("/", "/announcements/", "/api/v1/announcements", "/feeds/all.atom"):
            assert fetch(f"http://127.0.0.1:{port}{path}")[0] == 200, path
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
