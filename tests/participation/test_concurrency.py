"""200 parallel submissions against gunicorn: every acknowledged one is stored, numbers distinct.

Runs on the session's database: SQLite by default, PostgreSQL with PORTAL_DATABASE_URL set.
Each simulated citizen reads the form (session cookie and CSRF token), posts it, and reads the
receipt, as a browser does; only a 303 to the receipt counts as acknowledged.
"""

import http.cookiejar
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from portal.config import PROJECT_ROOT
from portal.tracking_number import is_valid_tracking_number
from tests.deploy.test_gunicorn import BIN, fetch, free_port

SUBMISSIONS = 200
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
NUMBER = re.compile(r'class="receipt-code">([^<]+)</dd>')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let the test see the 303 itself."""

    def redirect_request(self, *args, **kwargs):
        """Do not follow redirects."""
        return None


@pytest.fixture
def server(app, tmp_path, database_url):
    """gunicorn with several workers on the test database; yields its base URL.

    The `app` fixture (autouse in this folder) has built the schema, which
    tests/test_migrations.py proves equal to the migrated one.
    """
    env = dict(
        os.environ,
        PORTAL_DATABASE_URL=database_url.replace("postgresql+psycopg://", "postgresql://"),
        PORTAL_SEARCH_INDEX_DIR=str(tmp_path / "index"),
        PORTAL_CACHE_DIR=str(tmp_path / "cache"),
        PORTAL_EXPORT_DIR=str(tmp_path / "downloads"),
        PORTAL_UPLOAD_DIR=str(tmp_path / "uploads"),
        PORTAL_SECRET_KEY="concurrency-test",
        PORTAL_WORKERS="4",
        PORTAL_THREADS="4",
        PORTAL_PARTICIPATION_RATE_LIMIT="100000 per minute",
        PORTAL_ACCESS_CODE_HASH_METHOD="pbkdf2:sha256:1000",
    )
    port = free_port()
    command = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"127.0.0.1:{port}"]
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [*command, "wsgi:app"],
        cwd=PROJECT_ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while fetch(f"{base}/healthz")[0] != 200:
            assert time.monotonic() < deadline, "gunicorn did not answer within 90 s"
            assert process.poll() is None, "gunicorn exited"
            time.sleep(0.5)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def submit(base: str, serial: int) -> str | None:
    """One citizen files a suggestion; the tracking number when acknowledged, else None."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    with opener.open(f"{base}/participate/suggestion", timeout=60) as response:
        token = TOKEN.search(response.read().decode()).group(1)
    form = {
        "csrf_token": token,
        "product_name": f"并发测试产品{serial}",
        "text": f"第 {serial} 条并发建议。",
        "confirmed": "1",
        "website": "",
    }
    try:
        opener.open(f"{base}/participate/suggestion", urllib.parse.urlencode(form).encode(), 60)
    except urllib.error.HTTPError as answer:
        if answer.code != 303:
            return None
    else:
        return None
    with opener.open(f"{base}/participate/receipt", timeout=60) as response:
        return NUMBER.search(response.read().decode()).group(1)


def stored_numbers(database_url: str) -> list[str]:
    """Tracking numbers of the stored submissions."""
    engine = create_engine(database_url)
    with engine.connect() as conn:
        numbers = list(conn.execute(text("SELECT tracking_number FROM submissions")).scalars())
    engine.dispose()
    return numbers


def test_parallel_submissions_are_all_stored_with_distinct_numbers(server, database_url):
    with ThreadPoolExecutor(max_workers=40) as pool:
        answers = list(pool.map(lambda serial: submit(server, serial), range(SUBMISSIONS)))
    acknowledged = [number for number in answers if number]
    stored = stored_numbers(database_url)
    assert len(acknowledged) == SUBMISSIONS
    assert sorted(stored) == sorted(acknowledged)
    assert len(set(stored)) == SUBMISSIONS
    assert all(is_valid_tracking_number(number) for number in stored)
