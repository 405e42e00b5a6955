"""A gunicorn worker killed with SIGKILL in the middle of a stream of public writes: every
submission that was acknowledged with a tracking number is stored, and the database (SQLite in
WAL mode) is intact. A real server, real processes, a real signal."""

import os
import signal
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor

from portal.tracking_number import is_valid_tracking_number
from tests.faults.conftest import gunicorn_workers
from tests.participation.test_concurrency import submit
from tests.served import gunicorn, init_db, instance_env

SUBMISSIONS = 200
KILLS = 2


def acknowledged_number(base: str, serial: int) -> tuple[str | None, float]:
    """The tracking number of one suggestion (None when the server dropped it) and when the
    answer came."""
    try:
        number = submit(base, serial)
    except Exception:  # a connection reset by the killed worker: not acknowledged
        number = None
    return number, time.monotonic()


def test_acknowledged_writes_survive_a_killed_worker(tmp_path):
    database = tmp_path / "site.sqlite3"
    env = instance_env(
        tmp_path,
        f"sqlite:///{database}",
        workers="2",
        threads="4",
        cache_url="",  # SQLite alone is the subject, whatever the CI run uses
        search_backend="whoosh",
        ratelimit_storage_uri="memory://",
        participation_rate_limit="100000 per minute",
        access_code_hash_method="pbkdf2:sha256:1000",
    )
    init_db(env)
    killed = []
    with gunicorn(env, log=tmp_path / "gunicorn.log") as base:
        with ThreadPoolExecutor(max_workers=12) as pool:
            answers = pool.map(lambda serial: acknowledged_number(base, serial), range(SUBMISSIONS))
            for _ in range(KILLS):
                time.sleep(1.5)
                victim = gunicorn_workers(base)[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)
            last_kill = time.monotonic()
            acknowledged = [(number, at) for number, at in answers if number]
        deadline = time.monotonic() + 30
        while len(set(gunicorn_workers(base)) - set(killed)) < 2:
            assert time.monotonic() < deadline, "gunicorn did not replace the killed workers"
            time.sleep(0.5)
    with sqlite3.connect(database) as conn:
        stored = {row[0] for row in conn.execute("SELECT tracking_number FROM submissions")}
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert any(at > last_kill for _, at in acknowledged), "the stream went on past the kills"
    assert {number for number, _ in acknowledged} <= stored, "an acknowledged write was lost"
    assert all(is_valid_tracking_number(number) for number in stored)
    assert "was sent SIGKILL" in (tmp_path / "gunicorn.log").read_text()
