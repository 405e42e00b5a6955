"""A gunicorn worker killed with SIGKILL in the middle of a stream of public writes: every
submission that was acknowledged with a tracking number is stored, and the database (SQLite in
WAL mode) is intact. A real server, real processes, a real signal."""

import itertools
import os
import signal
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from portal.tracking_number import is_valid_tracking_number
from tests.faults.conftest import gunicorn_workers
from tests.participation.test_concurrency import submit
from tests.served import gunicorn, init_db, instance_env

CLIENTS = 12
KILLS = 2
BEFORE_FIRST_KILL = 10  # acknowledged submissions before the first kill: the workers are busy
AFTER_LAST_KILL = 10  # acknowledged submissions after the last kill: the site went on


def acknowledged_number(base: str, serial: int) -> tuple[str | None, float]:
    """The tracking number of one suggestion (None when the server dropped it) and when the
    answer came."""
    try:
        number = submit(base, serial)
    except Exception:  # a connection reset by the killed worker: not acknowledged
        number = None
    return number, time.monotonic()


class Stream:
    """Citizens filing suggestions without pause, from several threads, until stopped."""

    def __init__(self, base: str):
        self.base = base
        self.serials = itertools.count()
        self.answers: list[tuple[str | None, float]] = []
        self.stopped = threading.Event()

    def client(self) -> None:
        """One citizen after another until the stream stops."""
        while not self.stopped.is_set():
            self.answers.append(acknowledged_number(self.base, next(self.serials)))

    def acknowledged_since(self, moment: float) -> int:
        """How many submissions were acknowledged after moment."""
        return sum(1 for number, at in list(self.answers) if number and at > moment)

    def wait_for(self, count: int, since: float) -> None:
        """Wait until count submissions were acknowledged after since."""
        deadline = time.monotonic() + 90
        while self.acknowledged_since(since) < count:
            assert time.monotonic() < deadline, f"fewer than {count} acknowledged in 90 s"
            time.sleep(0.05)


def kill_a_worker(base: str, killed: list[int]) -> None:
    """SIGKILL one serving worker that was not killed before."""
    victim = next(pid for pid in gunicorn_workers(base) if pid not in killed)
    os.kill(victim, signal.SIGKILL)
    killed.append(victim)


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
    killed: list[int] = []
    with gunicorn(env, log=tmp_path / "gunicorn.log") as base:
        stream = Stream(base)
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            for _ in range(CLIENTS):
                pool.submit(stream.client)
            try:
                stream.wait_for(BEFORE_FIRST_KILL, since=0)
                for _ in range(KILLS):
                    kill_a_worker(base, killed)
                    time.sleep(0.5)
                last_kill = time.monotonic()
                stream.wait_for(AFTER_LAST_KILL, since=last_kill)
            finally:
                stream.stopped.set()
        deadline = time.monotonic() + 30
        while len(set(gunicorn_workers(base)) - set(killed)) < 2:
            assert time.monotonic() < deadline, "gunicorn did not replace the killed workers"
            time.sleep(0.5)
    with sqlite3.connect(database) as conn:
        stored = {row[0] for row in conn.execute("SELECT tracking_number FROM submissions")}
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    acknowledged = {number for number, _ in stream.answers if number}
    assert acknowledged <= stored, "an acknowledged write was lost"
    assert all(is_valid_tracking_number(number) for number in stored)
    assert "was sent SIGKILL" in (tmp_path / "gunicorn.log").read_text()
