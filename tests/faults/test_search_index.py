"""The Whoosh index deleted or corrupted while gunicorn serves: no request fails beyond a clear
503 with Retry-After on search, no search answers an empty result it should not, /healthz reports
the index state, and one rebuild restores it."""

import json
import os
import shutil
import signal
import subprocess
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import pytest

from portal.config import PROJECT_ROOT
from tests.faults.conftest import gunicorn_workers, load
from tests.served import BIN, fetch, gunicorn, init_db, instance_env

QUERY = urllib.parse.quote("合格")
SEARCH_URLS = [f"/search?q={QUERY}", f"/api/v1/search?q={QUERY}"]
URLS = [*SEARCH_URLS, "/announcements/", "/api/v1/batches"]


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """A seeded embedded site (SQLite + Whoosh) served by two gunicorn workers (both damages
    hit the same server: the second one the index rebuilt after the first)."""
    tmp_path = tmp_path_factory.mktemp("served")
    env = instance_env(
        tmp_path,
        f"sqlite:///{tmp_path / 'site.sqlite3'}",
        workers="2",
        threads="4",
        search_backend="whoosh",  # the index on disk is the subject, whatever the CI run uses
        cache_url="",
        ratelimit_storage_uri="memory://",
        search_disable_cache="true",
        search_rate_limit="100000 per minute",
        api_rate_limit="100000 per minute",
        costly_queue_length="16",  # the clients' searches wait their turn, none is shed: the
        # index's recovery is the subject, not load shedding (tests/test_load_shedding.py)
    )
    init_db(env)
    seed = [str(BIN / "flask"), "--app", "portal", "seed-demo", "--scale", "0.01"]
    subprocess.run(seed, cwd=PROJECT_ROOT, env=env, check=True, capture_output=True)
    log = tmp_path / "gunicorn.log"
    with gunicorn(env, log=log) as base:
        yield base, Path(env["PORTAL_SEARCH_INDEX_DIR"]), log


def api_total(base: str) -> int | None:
    """The search API's total for the query, or None when it does not answer 200."""
    status, body = fetch(f"{base}/api/v1/search?q={QUERY}")
    return json.loads(body)["meta"]["total"] if status == 200 else None


def search_state(base: str) -> str:
    """The index state /healthz reports."""
    return json.loads(fetch(f"{base}/healthz")[1] or b"{}").get("search", "")


def wait_for(check, seconds: float) -> bool:
    """Poll until check() is true or the time is up."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.3)
    return False


def replace_with_truncated_copies(folder: Path) -> list[str]:
    """Replace every segment file with a copy cut to half its length, as a failed restore or
    sync would leave it (new files: workers' open maps of the old ones stay valid; cutting a
    mapped file in place kills its worker with SIGBUS, see the README)."""
    cut = []
    for path in folder.glob("*.seg"):
        data = path.read_bytes()
        partial = path.with_suffix(".partial")
        partial.write_bytes(data[: len(data) // 2])
        partial.replace(path)
        cut.append(path.name)
    return cut


def restart_workers(base: str) -> None:
    """Stop the workers gracefully; gunicorn starts new ones, which open the index afresh."""
    for pid in gunicorn_workers(base):
        os.kill(pid, signal.SIGTERM)


def check_answers(traffic, total: int) -> None:
    """Search answers are hits or 503 with Retry-After; every other page answers 200."""
    statuses = Counter((a.url.split("?")[0], a.status) for a in traffic.answers)
    for answer in traffic.answers:
        if answer.url in SEARCH_URLS:
            assert answer.status in (200, 503), statuses
            assert answer.status == 200 or answer.retry_after, statuses
        else:
            assert answer.status == 200, statuses
    assert any(a.status == 503 for a in traffic.answers), statuses


@pytest.mark.parametrize("damage", ["deleted", "corrupted"])
def test_damaged_index_while_serving(served, damage):
    base, folder, log = served
    total = api_total(base)
    logged_before = len(log.read_text())
    assert total, "the seeded site finds something"
    with load(base, URLS) as traffic:
        time.sleep(2)
        if damage == "deleted":
            shutil.rmtree(folder)
        else:
            assert replace_with_truncated_copies(folder)
            restart_workers(base)
        traffic.phase = "damaged"
        assert wait_for(lambda: search_state(base) in ("missing", "corrupt", "rebuilding"), 10)
        assert wait_for(lambda: api_total(base) == total and search_state(base) == "ok", 120)
        traffic.phase = "after"
        time.sleep(2)
    check_answers(traffic, total)
    assert all(a.status == 200 for a in traffic.of("after"))
    text = log.read_text()[logged_before:]
    assert "Traceback" not in text, text[-3000:]
    assert text.count("Search index rebuilt") == 1, "one rebuild across both workers"
