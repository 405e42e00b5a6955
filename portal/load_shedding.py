"""Bounded concurrency for work an anonymous client can make expensive.

An uncached search can cost most of a CPU-second at scale 6 (a common word, exclusions, a full
enterprise name), an uncached statistics page a third of one. Rate limits are per client, so
twenty clients can still hold every worker thread with such requests while plain pages wait.
Each process therefore runs at most COSTLY_CONCURRENCY of each kind at a time and lets at most
COSTLY_QUEUE_LENGTH wait for a turn; one that cannot start within COSTLY_QUEUE_SECONDS, or finds
the queue full, is answered 503 with Retry-After at once, and the threads stay free for
everything else (a waiting request holds a worker thread as much as a running one).
"""

import threading
from contextlib import contextmanager

from flask import current_app

from portal.errors import PortalError
from portal.search.errors import SearchUnavailableError

EXTENSION = "portal_load_shedding"


class BusyError(PortalError):
    """Every slot of this kind of work is taken in this process; try again shortly."""

    status_code = 503
    title = "服务繁忙"


class SearchBusyError(SearchUnavailableError):
    """Every search slot of this process is taken (search pages show it as unavailable)."""

    title = "搜索繁忙"


class Slots:
    """A bounded number of running holders and a bounded number of waiting ones."""

    def __init__(self, count: int, queue_length: int):
        self._running = threading.BoundedSemaphore(count)
        self._queue_length = queue_length
        self._waiting = 0
        self._lock = threading.Lock()

    @property
    def waiting(self) -> int:
        """How many requests wait for a turn now."""
        return self._waiting

    def acquire(self, timeout: float) -> bool:
        """Take a slot: at once, or after waiting in a queue that has room; False if not."""
        if self._running.acquire(blocking=False):
            return True
        with self._lock:
            if self._waiting >= self._queue_length:
                return False
            self._waiting += 1
        try:
            return self._running.acquire(timeout=timeout)
        finally:
            with self._lock:
                self._waiting -= 1

    def release(self) -> None:
        """Give a slot back."""
        self._running.release()


def _slots(kind: str) -> Slots:
    """The current app's slots of one kind of work, created on first use."""
    slots = current_app.extensions.setdefault(EXTENSION, {})
    if kind not in slots:
        config = current_app.config
        made = Slots(int(config["COSTLY_CONCURRENCY"]), int(config["COSTLY_QUEUE_LENGTH"]))
        slots.setdefault(kind, made)
    return slots[kind]


@contextmanager
def costly_slot(kind: str, error: type[PortalError] = BusyError):
    """Hold one of the process's slots of this kind for the block, or raise `error`."""
    slots = _slots(kind)
    if not slots.acquire(timeout=float(current_app.config["COSTLY_QUEUE_SECONDS"])):
        raise error("访问的人太多，请稍后重试。")
    try:
        yield
    finally:
        slots.release()


def search_slot():
    """A search slot (SearchBusyError when none frees up in time)."""
    return costly_slot("search", SearchBusyError)
