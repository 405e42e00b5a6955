"""Bounded concurrency for work an anonymous client can make expensive.

An uncached search can cost most of a CPU-second at scale 6 (a common word, exclusions, a full
enterprise name). Rate limits are per client, so twenty clients can still hold every worker
thread with such searches while plain pages wait. Each process therefore runs at most
SEARCH_CONCURRENCY searches at a time; a search that cannot start within SEARCH_QUEUE_SECONDS is
answered 503 with Retry-After, and the threads stay free for everything else.
"""

import threading
from contextlib import contextmanager

from flask import current_app

from portal.search.errors import SearchUnavailableError

EXTENSION = "portal_load_shedding"


class SearchBusyError(SearchUnavailableError):
    """Every search slot of this process is taken; try again shortly."""

    title = "搜索繁忙"


def _slots() -> threading.BoundedSemaphore:
    """The current app's search slots, created on first use."""
    extensions = current_app.extensions
    if EXTENSION not in extensions:
        count = int(current_app.config["SEARCH_CONCURRENCY"])
        extensions.setdefault(EXTENSION, threading.BoundedSemaphore(count))
    return extensions[EXTENSION]


@contextmanager
def search_slot():
    """Hold one of the process's search slots for the block, or raise SearchBusyError."""
    slots = _slots()
    if not slots.acquire(timeout=float(current_app.config["SEARCH_QUEUE_SECONDS"])):
        raise SearchBusyError("搜索的人太多，请稍后重试。")
    try:
        yield
    finally:
        slots.release()
