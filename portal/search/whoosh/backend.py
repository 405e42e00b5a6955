"""The embedded search backend on Whoosh: numpy facets and ordering over cached columns."""

import datetime
import logging
import os
import shutil
import threading
import uuid
from collections.abc import Callable, Iterable

import numpy as np
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from portal.search import ranking
from portal.search.backend import SCORED_LIMIT, Request, Result
from portal.search.documents import SearchDocument
from portal.search.errors import SearchIndexMissingError
from portal.search.whoosh import index as store
from portal.search.whoosh import query as wq
from portal.search.whoosh.columns import ColumnCache
from portal.search.whoosh.postings import PostingCache
from portal.search.whoosh.schema import index_fields
from portal.search.whoosh.skipping import restricted
from portal.search.whoosh.warming import IndexWatcher, Traffic, Warmer, WarmSettings

logger = logging.getLogger(__name__)

FACET_FIELD = {"type": "doc_type"}  # facet name -> index field where they differ
LAST_DAY = np.int64(2**20 - 1)  # day ordinals (date(2026, 1, 1) is 739,617) fit in 20 bits
LAST_ID = np.int64(2**32 - 1)


def first_in_order(keys: np.ndarray, start: int, end: int) -> np.ndarray:
    """Positions of the start-th to end-th smallest of distinct keys, in order: only the first
    end are sorted (a page of 100,000 matches needs no full sort)."""
    if end < keys.size:
        first = np.argpartition(keys, end - 1)[:end]
        return first[np.argsort(keys[first])][start:end]
    return np.argsort(keys)[start:end]


class WhooshBackend:
    """Search and write one Whoosh index folder."""

    name = "whoosh"
    transactional = False

    def __init__(self, folder: str, warming: WarmSettings | None = None):
        self.folder = folder
        self._lock = threading.RLock()
        self._searcher = None
        self._build_id = None
        self._files: tuple = ()
        self._cache = ColumnCache()
        self._postings = PostingCache()
        self._traffic = Traffic()
        self._warmer = Warmer(self._postings, self._lock, warming or WarmSettings(), self._traffic)
        self.watcher: IndexWatcher | None = None

    # Reading -------------------------------------------------------------------------------

    def _current_searcher(self):
        """An up-to-date searcher: reopened after writes and rebuilds, and whenever the files
        on disk are not those it opened (a worker forked from the master that preloaded the
        index, after a restore or a damage, opens them afresh as it did before preloading)."""
        with self._lock:
            build_id = store.read_state(self.folder).get("build_id")
            files = store.files_signature(self.folder)
            if self._searcher is not None and (build_id, files) != (self._build_id, self._files):
                # Searcher.refresh() reuses old segment readers and can return stale or
                # duplicated documents; open a fresh searcher instead.
                self._close()
            if self._searcher is None:
                ix = store.open_index(self.folder)
                if ix is None:
                    raise SearchIndexMissingError(_("搜索索引正在建立，请稍后再试。"))
                self._searcher, self._build_id, self._files = ix.searcher(), build_id, files
            return self._searcher

    def _close(self):
        """Close the current searcher."""
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = None

    def preload(self) -> None:
        """Open the searcher, read the facet columns and the frequent terms' documents now (in
        gunicorn's master before it forks, so every worker shares them); nothing when there is
        no index yet."""
        searcher = self._refresh()
        if searcher is not None:
            self._warm(searcher)

    def _refresh(self):
        """The current searcher (reopened if the index changed) with its facet columns and
        stored-field offsets read, or None when there is no index yet."""
        with self._lock:
            try:
                searcher = self._current_searcher()
            except SearchIndexMissingError:
                return None
            self._cache.columns(searcher, (self._build_id, searcher.reader().generation()))
            for leaf, _offset in searcher.reader().leaf_readers():
                if leaf.doc_count_all():
                    leaf.stored_fields(0)  # opens the segment's stored-fields column
            return searcher

    def _warm(self, searcher) -> int:
        """Read the frequent terms' documents of the searcher's large segments (bounded)."""
        return self._warmer.warm(searcher, lambda warmed: warmed is self._searcher)

    def watch(self) -> IndexWatcher:
        """Start this process's watcher thread (each gunicorn worker, after the fork): it
        reopens and warms the searcher as soon as the index changes, before a search asks."""
        if self.watcher is None or not self.watcher.is_alive():
            interval = self._warmer.settings.interval
            self.watcher = IndexWatcher(self._refresh, self._warm, interval)
            self.watcher.start()
        return self.watcher

    def stamp(self) -> str:
        """Identifies the index contents, for result-page cache keys."""
        searcher = self._current_searcher()
        return f"{self._build_id}:{searcher.reader().generation()}"

    def search(self, request: Request) -> Result:
        """Run a search: match, filter, exclude, count facets, order, load the page."""
        with self._traffic.search(), self._lock:
            searcher = self._current_searcher()
            columns = self._cache.columns(
                searcher, (self._build_id, searcher.reader().generation())
            )
            masks = wq.Masks(searcher, self._postings)
            ids = self._candidates(masks, request, columns)
            facets = self._facet_counts(ids, columns)
            page = self._order(searcher, masks, request, ids, columns)
            hits = [searcher.stored_fields(int(docnum))["hit"] for docnum in page]
        return Result(hits=hits, total=int(ids.size), facets=facets)

    def _candidates(self, masks: wq.Masks, request: Request, columns) -> np.ndarray:
        """Document numbers matching the words, filters and exclusions."""
        mask = masks.required(request.plan)
        mask = columns.live.copy() if mask is None else np.logical_and(mask, columns.live, out=mask)
        excluded = masks.excluded(request.plan)
        if excluded is not None:
            mask &= ~excluded
        ids = np.flatnonzero(mask)
        for name, value in request.filters.items():
            code = self._cache.vocabulary.codes.get(str(value), -1)
            ids = ids[columns.facets[FACET_FIELD.get(name, name)][ids] == code]
        return ids

    def _facet_counts(self, ids: np.ndarray, columns) -> dict[str, list[tuple[str, int]]]:
        """Counts of each facet value among the matching documents."""
        values = self._cache.vocabulary.values
        facets = {}
        for name in ("type", "category", "year", "result", "district"):
            counts = np.bincount(columns.facets[FACET_FIELD.get(name, name)][ids])
            pairs = [(values[code], int(n)) for code, n in enumerate(counts) if n and code]
            facets[name] = sorted(pairs, key=lambda pair: (-pair[1], pair[0]))
        return facets

    def _order(self, searcher, masks: wq.Masks, request: Request, ids, columns) -> np.ndarray:
        """The document numbers of the requested page in the requested order."""
        end = request.offset + request.per_page
        if ids.size == 0 or request.offset >= ids.size:
            return ids[:0]
        days = columns.day[ids].astype(np.int64)
        if request.sort == "relevance" and request.plan.has_words:
            if ids.size <= SCORED_LIMIT:
                return self._scored_page(searcher, request, ids, columns)
            untitled = ~masks.titles(request.plan)[ids]  # title matches first, then newest
            keys = (untitled.astype(np.int64) << 52) | ((LAST_DAY - days) << 32) | ids
        elif request.sort == "date":
            keys = (days << 32) | ids
        else:
            keys = ((LAST_DAY - days) << 32) | (LAST_ID - ids)
        return ids[first_in_order(keys, request.offset, end)]

    def _scored_page(self, searcher, request: Request, ids, columns) -> np.ndarray:
        """A page among a small set of matches: BM25 (titles and phrases boosted) times the
        shared ranking factor (document type, failed, recency)."""
        query = restricted(searcher, wq.scored_query(searcher, request.plan), ids.tolist())
        end = request.offset + request.per_page
        window = max(end, ranking.RERANK_WINDOW)
        results = searcher.search(query, limit=window)
        values = self._cache.vocabulary.values
        scored = []
        for hit in results[:window]:
            docnum = hit.docnum
            ordinal = int(columns.day[docnum])
            day = datetime.date.fromordinal(ordinal) if ordinal else None
            doc_type = values[columns.facets["doc_type"][docnum]]
            result = values[columns.facets["result"][docnum]]
            level = values[columns.facets["level"][docnum]]
            score = hit.score * ranking.factor(doc_type, result, day, level)
            scored.append((-score, -ordinal, docnum))
        docnums = [docnum for *_, docnum in sorted(scored)[request.offset : end]]
        return np.asarray(docnums, dtype=np.int64)

    # Writing -------------------------------------------------------------------------------

    def apply(
        self,
        documents: list[SearchDocument],
        delete_keys: Iterable[str],
        version: int | None = None,
        session: Session | None = None,
    ) -> None:
        """Replace the given documents and delete the given keys (one locked commit)."""
        keys = set(delete_keys) | {doc.key for doc in documents}
        if keys:
            store.apply_changes(self.folder, documents, sorted(keys))
        if version is not None:
            store.write_state(self.folder, content_version=version)
        if self.watcher is not None:
            self.watcher.wake.set()  # this worker's searcher: reopened and warmed at once

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] = lambda n: None,
        version: int | None = None,
        session: Session | None = None,
    ) -> int:
        """Build a new index beside the live one, then swap it in."""
        built = f"{self.folder}.build-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        try:
            fields = (index_fields(doc) for doc in documents)
            count = store.build_index(built, fields, progress)
            store.write_state(built, build_id=uuid.uuid4().hex, content_version=version)
            with self._lock:
                self._close()
                store.swap_in(self.folder, built)
            if self.watcher is not None:
                self.watcher.wake.set()
        finally:
            shutil.rmtree(built, ignore_errors=True)
        return count

    @staticmethod
    def after_rebuild() -> None:
        """Nothing to reclaim: the new index folder replaced the old one."""

    # Health --------------------------------------------------------------------------------

    def keys(self) -> set[str]:
        """Keys of every indexed document."""
        with self._lock:
            reader = self._current_searcher().reader()
            return {fields["key"] for fields in reader.all_stored_fields()}

    def indexed_version(self) -> int | None:
        """The content version the index reflects, when known."""
        return store.read_state(self.folder).get("content_version")

    def problem(self) -> str | None:
        """Why the index cannot serve (missing, corrupt or of an older format), or None."""
        try:
            ix = store.open_index(self.folder)
            if ix is None:
                return "missing"
            with ix.searcher() as searcher:
                searcher.doc_count()
        except Exception as error:  # any failure to open means a corrupt index
            logger.debug("Search index unreadable: %s", error)  # callers report the state
            return "corrupt"
        if store.read_state(self.folder).get("format") != store.FORMAT_VERSION:
            return "outdated"
        return None
