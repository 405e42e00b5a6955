"""Bounded concurrency for work an anonymous client can make expensive.

An uncached search can cost most of a CPU-second at scale 6 (a common word, exclusions, a full
enterprise name), an uncached statistics page a third of one. Rate limits are per client, so
twenty clients can still hold every worker thread with such requests while plain pages wait.
Each process therefore runs at most COSTLY_CONCURRENCY of each kind at a time; one that cannot
start within COSTLY_QUEUE_SECONDS is answered 503 with Retry-After, and the threads stay free
for everything else.
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


def _slots(kind: str) -> threading.BoundedSemaphore:
    """The current app's slots of one kind of work, created on first use."""
    slots = current_app.extensions.setdefault(EXTENSION, {})
    if kind not in slots:
        count = int(current_app.config["COSTLY_CONCURRENCY"])
        slots.setdefault(kind, threading.BoundedSemaphore(count))
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
