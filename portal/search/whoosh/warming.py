"""Read the most frequent terms' documents ahead of the searches that would read them.

A common word (有限公司, 合格) costs a search tens of milliseconds until the posting cache holds
its documents in every large segment: in a fresh worker, and after an index change that brings
a large new segment (a rebuild, a merge). The Warmer reads them first: in gunicorn's master
before it forks (preload; the workers then share the bits), and in each worker from the
IndexWatcher thread, which reopens the searcher as soon as the index changes. Both stay within
a time budget and half the cache's bytes, and read one term at a time under the backend's lock,
so a search waits at most for one term.
"""

import logging
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from whoosh.codec.whoosh3 import W3TermInfo, W3TermsReader

from portal.search.analysis import CJK_ONLY
from portal.search.whoosh.postings import PostingCache

logger = logging.getLogger(__name__)

WARM_FIELDS = ("content", "title")  # the fields whose terms searches read as masks
# Pause after each term read, out of the lock: a search waiting for it takes it then (Python's
# lock is not fair: a thread that releases it and asks again at once keeps it).
YIELD_SECONDS = 0.002
QUIET_POLL_SECONDS = 0.01  # while searches run, a warm-up looks again this often


@dataclass(frozen=True)
class WarmSettings:
    """How much the warm-ups read (terms: 0 turns them off) and how often workers look."""

    terms: int = 100  # per field and segment, most documents first
    seconds: float = 3.0  # wall-clock budget of one warm-up
    interval: float = 2.0  # seconds between a worker's checks for index changes


class Traffic:
    """Counts the searches under way or waiting for the backend's lock: warm-ups let them go
    first, so the read-ahead uses the worker's idle time."""

    def __init__(self):
        self._count = 0
        self._lock = threading.Lock()

    @contextmanager
    def search(self):
        """Count one search while the block runs."""
        with self._lock:
            self._count += 1
        try:
            yield
        finally:
            with self._lock:
                self._count -= 1

    def busy(self) -> bool:
        """True while a search runs or waits."""
        return self._count > 0


class Warmer:
    """Reads the frequent terms of a searcher's large segments into a posting cache."""

    def __init__(self, cache: PostingCache, lock, settings: WarmSettings, traffic: Traffic):
        self.cache = cache
        self.lock = lock
        self.settings = settings
        self.traffic = traffic
        self._terms: dict[tuple[str, str], list[str]] = {}  # (segment id, field) -> terms

    def warm(self, searcher, is_current: Callable[[object], bool]) -> int:
        """Read what is not cached yet, most frequent first, until the budget is spent or the
        searcher is replaced; return how many entries the cache gained meanwhile."""
        if self.settings.terms <= 0:
            return 0
        deadline = time.monotonic() + self.settings.seconds
        with self.lock:
            if not is_current(searcher):
                return 0
            leaves = [leaf for leaf, _at in searcher.reader().leaf_readers() if leaf.segment()]
            self._follow({leaf.segment().segment_id() for leaf in leaves})
        before = kept = len(self.cache)
        for leaf, field, text in self._plan(leaves, deadline):
            if not self._quiet(deadline):
                break
            with self.lock:
                if not is_current(searcher):
                    break  # the index changed again: the next warm-up reads the new one
                fits = self.cache.warm(leaf, field, text)
            if not fits:
                break
            if len(self.cache) != kept:  # a term was read: let a waiting search go first
                kept = len(self.cache)
                time.sleep(YIELD_SECONDS)
        return len(self.cache) - before

    def _quiet(self, deadline: float) -> bool:
        """Wait while searches run; False once the time budget is spent."""
        while self.traffic.busy() and time.monotonic() <= deadline:
            time.sleep(QUIET_POLL_SECONDS)
        return time.monotonic() <= deadline

    def _follow(self, segment_ids: set[str]) -> None:
        """Forget the cached bits and term lists of segments the index no longer has."""
        self.cache.follow(segment_ids)
        for key in [key for key in self._terms if key[0] not in segment_ids]:
            self._terms.pop(key, None)

    def _plan(self, leaves: list, deadline: float) -> Iterator[tuple]:
        """(segment reader, field, term) of the large segments' frequent terms: every
        segment's most frequent term, then every second one, and so on."""
        lists = []
        for leaf in leaves:
            if leaf.doc_count_all() < self.cache.min_docs:
                continue  # no term of a smaller segment is kept
            for field in WARM_FIELDS:
                if not self._quiet(deadline):
                    break
                lists.append((leaf, field, self._frequent(leaf, field)))
        for rank in range(self.settings.terms):
            for leaf, field, terms in lists:
                if rank < len(terms):
                    yield leaf, field, terms[rank]

    def _frequent(self, leaf, field: str) -> list[str]:
        """The frequent terms of a segment's field, read once per segment."""
        key = (leaf.segment().segment_id(), field)
        if key not in self._terms:
            self._terms[key] = frequent_terms(leaf, field, self.settings.terms, self.cache.min_docs)
        return self._terms[key]


def frequent_terms(leaf, field: str, count: int, min_docs: int) -> list[str]:
    """Up to count terms of a field held by at least min_docs documents of a segment, most
    documents first; single Chinese characters last (only one-character queries search them)."""
    found = [(text, docs) for text, docs in doc_frequencies(leaf, field) if docs >= min_docs]
    found.sort(key=lambda pair: (len(pair[0]) == 1 and bool(CJK_ONLY.match(pair[0])), -pair[1]))
    return [text for text, _docs in found[:count]]


def doc_frequencies(leaf, field: str) -> Iterator[tuple[str, int]]:
    """(term, documents holding it) for each term of a field in a segment, deleted included."""
    terms = getattr(leaf, "_terms", None)
    if not isinstance(terms, W3TermsReader):
        for text, info in leaf.iter_field(field):
            yield text.decode("utf-8"), info.doc_frequency()
        return
    # The term table's own records: only the document count is read (iter_field decodes a
    # whole TermInfo per term, 2.5x slower on 36,000 terms).
    table, prefix = terms._tindex, terms._keycoder(field, b"")
    for key_at, key_length, data_at, _data_length in table.ranges_from(prefix):
        key = table.dbfile.get(key_at, key_length)
        if not key.startswith(prefix):
            return  # keys are sorted by field number, then term
        yield key[len(prefix) :].decode("utf-8"), W3TermInfo.read_doc_freq(table.dbfile, data_at)


class IndexWatcher(threading.Thread):
    """A worker's thread: reopens the searcher once the index changed, then warms it."""

    def __init__(self, refresh: Callable[[], object], warm: Callable[[object], int], interval):
        super().__init__(name="search-index-watcher", daemon=True)
        self.refresh = refresh
        self.warm = warm
        self.interval = interval
        self.wake = threading.Event()
        self.stopped = threading.Event()
        self.rounds = 0  # warm-ups done (tests wait on it)
        self._warmed = None
        self._error = None

    def run(self) -> None:
        """Sleep until the interval or a wake-up, then warm the searcher if it is new. A new
        worker's first requests come first: they would share the CPU with a warm-up."""
        while not self.stopped.is_set():
            self.wake.wait(self.interval)
            self.wake.clear()
            if not self.stopped.is_set():
                self.check()

    def check(self) -> None:
        """Warm the current searcher once; failures are logged once and left to searches."""
        try:
            searcher = self.refresh()
            if searcher is not None and (self._warmed is None or self._warmed() is not searcher):
                read = self.warm(searcher)
                self._warmed = weakref.ref(searcher)
                self.rounds += 1
                logger.debug("Search index warmed: %d terms read", read)
            self._error = None
        except Exception as error:  # an unreadable index: the searches report it
            if repr(error) != self._error:
                logger.warning("Warming the search index failed: %r", error)
            self._error = repr(error)

    def stop(self) -> None:
        """Stop after the current check."""
        self.stopped.set()
        self.wake.set()
