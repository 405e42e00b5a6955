"""Fault-test helpers: a PostgreSQL database of the test's own, load from threads."""

import http.client
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

SERVER_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


@pytest.fixture
def own_postgres_database() -> Iterator[str]:
    """A throw-away database on the machine's PostgreSQL (trust auth), whichever database the
    rest of the session uses; skipped when no PostgreSQL answers on 127.0.0.1:5432."""
    admin = create_engine(SERVER_URL, isolation_level="AUTOCOMMIT")
    name = f"portal_fault_{uuid.uuid4().hex[:10]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError:
        pytest.skip("no PostgreSQL on 127.0.0.1:5432")
    yield name
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@dataclass
class Answer:
    """One request's outcome."""

    phase: str
    url: str
    status: int  # 0: no HTTP answer (connection refused or reset, timeout)
    retry_after: str | None
    seconds: float


@dataclass
class Load:
    """Threads requesting URLs in a loop, labelling each answer with the phase it was asked
    and answered in ("transition" when those differ)."""

    base: str
    urls: list[str]
    threads: int = 4
    phase: str = "before"
    answers: list[Answer] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self, index: int) -> None:
        """One client thread."""
        n = index
        while not self._stop.is_set():
            url = self.urls[n % len(self.urls)]
            n += 1
            phase, started = self.phase, time.monotonic()
            status, retry_after = get(self.base + url)
            if self.phase != phase:  # asked in one phase, answered in the next
                phase = "transition"
            self.answers.append(Answer(phase, url, status, retry_after, time.monotonic() - started))

    def of(self, phase: str) -> list[Answer]:
        """The answers given in one phase."""
        return [answer for answer in self.answers if answer.phase == phase]


def get(url: str, timeout: float = 20) -> tuple[int, str | None]:
    """Status and Retry-After of a GET (0 when no HTTP answer came)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback)
            response.read()
            return response.status, response.headers.get("Retry-After")
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, error.headers.get("Retry-After")
    except (OSError, http.client.HTTPException):
        return 0, None


@contextmanager
def load(base: str, urls: list[str], threads: int = 4) -> Iterator[Load]:
    """Run a Load while the block runs."""
    state = Load(base, urls, threads)
    workers = [threading.Thread(target=state.run, args=(i,), daemon=True) for i in range(threads)]
    for worker in workers:
        worker.start()
    try:
        yield state
    finally:
        state._stop.set()
        for worker in workers:
            worker.join(timeout=30)


def gunicorn_workers(base: str) -> list[int]:
    """Process ids of the workers of the gunicorn serving base (read from /proc)."""
    port = base.rsplit(":", 1)[1]
    masters = [pid for pid in _pids() if f"127.0.0.1:{port}" in _cmdline(pid)]
    return [pid for pid in _pids() if _parent(pid) in masters]


def _pids() -> list[int]:
    """Every process id."""
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]


def _cmdline(pid: int) -> str:
    """A process's command line ('' once it is gone)."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _parent(pid: int) -> int:
    """A process's parent id (0 once it is gone)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("PPid:")))
