"""Which documents hold a term, as numpy masks; common terms are read once per index segment.

Whoosh walks a posting list one document at a time in Python, so a word in most documents
(有限公司, 合格, 抽查) costs tens of milliseconds every time it is matched, counted or excluded.
Segments never change once written (deletions live beside them, in the live mask), so the
documents of a common term in a segment are read once, block by block, and kept as packed bits
until the segment is merged away or the index is rebuilt (new segment ids).
"""

import itertools
import threading
from array import array
from collections import OrderedDict

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching.wrappers import FilterMatcher

from portal.search.whoosh.skipping import DIRECTORIES

CACHED_MIN_DOCS = 1000  # keep a term's documents when a segment has at least this many
CACHE_BYTES = 24 * 1024 * 1024  # per process; a term costs a bit per document of the segment
WARM_SHARE = 0.5  # read-ahead (warming) fills at most this share: the rest is for searches


class PostingCache:
    """Packed document bits of common terms per segment, least recently used dropped first."""

    def __init__(self, max_bytes: int = CACHE_BYTES, min_docs: int = CACHED_MIN_DOCS):
        self.max_bytes = max_bytes
        self.min_docs = min_docs
        self._entries: OrderedDict[tuple, np.ndarray] = OrderedDict()
        self._bytes = 0
        self._segments: set[str] = set()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many (segment, field, term) entries are kept."""
        return len(self._entries)

    def mask(self, reader, field: str, text: str) -> np.ndarray:
        """True for each document of the reader that holds the term (deleted ones included:
        callers AND the live mask)."""
        mask = np.zeros(reader.doc_count_all(), dtype=bool)
        segments = set()
        for segment_reader, offset in reader.leaf_readers():
            segment = segment_reader.segment()
            if segment is None:
                continue  # an empty index's EmptyReader
            segments.add(segment.segment_id())
            size = segment_reader.doc_count_all()
            bits = self._cached(segment.segment_id(), field, text)
            if bits is not None:
                mask[offset : offset + size] = np.unpackbits(bits, count=size).view(bool)
                continue
            ids = raw_ids(segment_reader, field, text)
            mask[offset + ids] = True
            if ids.size >= self.min_docs:
                self._keep((segment.segment_id(), field, text), mask[offset : offset + size])
        self.follow(segments)
        return mask

    def warm(self, segment_reader, field: str, text: str) -> bool:
        """Read a term's documents in one segment ahead of the searches, unless kept already
        or too few; False once read-ahead has filled its share (it never drops an entry)."""
        key = (segment_reader.segment().segment_id(), field, text)
        with self._lock:
            if key in self._entries:
                return True
        ids = raw_ids(segment_reader, field, text)
        if ids.size < self.min_docs:
            return True
        segment_mask = np.zeros(segment_reader.doc_count_all(), dtype=bool)
        segment_mask[ids] = True
        return self._keep(key, segment_mask, limit=int(self.max_bytes * WARM_SHARE))

    def _cached(self, segment_id: str, field: str, text: str) -> np.ndarray | None:
        """The packed bits of a term in a segment, when kept."""
        with self._lock:
            bits = self._entries.get((segment_id, field, text))
            if bits is not None:
                self._entries.move_to_end((segment_id, field, text))
            return bits

    def _keep(self, key: tuple, segment_mask: np.ndarray, limit: int | None = None) -> bool:
        """Keep a segment's term bits, dropping the least recently used beyond the budget;
        with a limit, keep them only if the cache stays within it (nothing dropped)."""
        bits = np.packbits(segment_mask)
        with self._lock:
            if key in self._entries:
                return True
            if limit is not None and self._bytes + bits.nbytes > limit:
                return False
            self._entries[key] = bits
            self._bytes += bits.nbytes
            while self._bytes > self.max_bytes and len(self._entries) > 1:
                _key, dropped = self._entries.popitem(last=False)
                self._bytes -= dropped.nbytes
        return True

    def follow(self, segments: set[str]) -> None:
        """Drop the entries of segments the index no longer has (merged or rebuilt away)."""
        if segments == self._segments:
            return
        with self._lock:
            for key in [key for key in self._entries if key[0] not in segments]:
                self._bytes -= self._entries.pop(key).nbytes
            self._segments = segments


def raw_ids(segment_reader, field: str, text: str) -> np.ndarray:
    """Segment-local numbers of the documents holding a term, deleted ones included."""
    if not segment_reader.doc_frequency(field, text):
        return np.zeros(0, dtype=np.int64)
    matcher = segment_reader.postings(field, text)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # the deleted-documents filter: the live mask does that
        matcher.reset()  # the filter has stepped past the first deleted documents
    if isinstance(matcher, W3LeafMatcher):
        return np.fromiter(itertools.chain.from_iterable(block_ids(matcher)), dtype=np.int64)
    return np.fromiter(matcher.all_ids(), dtype=np.int64)


def block_ids(matcher: W3LeafMatcher):
    """Each block's document numbers at once (all_ids() steps through them one by one); the
    blocks' positions and last numbers, read on the way, become the list's skip directory."""
    positions, last_ids = array("q"), array("q")
    position = matcher._baseoffset
    while matcher.is_active():
        positions.append(position)
        last_ids.append(matcher._maxid)
        if matcher._ids is None:
            matcher._read_ids()
        yield matcher._ids[matcher._i :]
        position = matcher._nextoffset
        matcher._next_block()
    DIRECTORIES.put(matcher, (positions, last_ids))
