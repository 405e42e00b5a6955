"""200 parallel submissions against gunicorn: every acknowledged one is stored, numbers distinct.

Runs on the session's database: SQLite by default, PostgreSQL with PORTAL_DATABASE_URL set.
Each simulated citizen reads the form (session cookie and CSRF token), posts it, and reads the
receipt, as a browser does; only a 303 to the receipt counts as acknowledged.
"""

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import create_engine, text

from portal.tracking_number import is_valid_tracking_number
from tests.served import gunicorn, instance_env

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
    env = instance_env(
        tmp_path,
        database_url,
        secret_key="concurrency-test",
        workers="4",
        threads="4",
        participation_rate_limit="100000 per minute",
        access_code_hash_method="pbkdf2:sha256:1000",
    )
    with gunicorn(env, log=tmp_path / "gunicorn.log") as base:
        yield base


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
