"""Posting lists that skip by a directory of their blocks, not by reading every block header.

Whoosh's W3LeafMatcher skips forward one block at a time, unpickling each block's header on
the way, so intersecting a rare term with a word in most documents (有限公司, 上海) reads every
block of the common word: about 2,500 headers at 336,000 batches, hundreds of milliseconds.
Here the first long skip over a posting list records each block's position and last
document number once; later skips bisect that directory and read one header. Segments never
change once written, so a directory is kept, keyed by the segment's file name, until it is
pushed out of a bounded cache.
"""

import bisect
import threading
from array import array
from collections import OrderedDict

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import IntersectionMatcher, ListMatcher, NullMatcher, ReadTooFar
from whoosh.query import WrappingQuery

DIRECTORY_CACHE_BYTES = 8 * 1024 * 1024  # per process: 16 bytes per block


class BlockDirectories:
    """Positions and last document numbers of each block of long posting lists (LRU)."""

    def __init__(self, max_bytes: int = DIRECTORY_CACHE_BYTES):
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple, tuple[array, array]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        """How many posting lists have a directory."""
        return len(self._entries)

    def get(self, matcher: W3LeafMatcher) -> tuple[array, array] | None:
        """The matcher's directory, read on first use; None for lists in unnamed files."""
        key = directory_key(matcher)
        if key is None:
            return None
        with self._lock:
            found = self._entries.get(key)
            if found is not None:
                self._entries.move_to_end(key)
                return found
        found = read_directory(matcher._postfile, matcher._baseoffset)
        with self._lock:
            self._keep(key, found)
        return found

    def _keep(self, key: tuple, entry: tuple[array, array]) -> None:
        """Store an entry (lock held), dropping the least recently used beyond the budget."""
        if key in self._entries:
            return
        self._entries[key] = entry
        self._bytes += entry_bytes(entry)
        while self._bytes > self.max_bytes and len(self._entries) > 1:
            _key, dropped = self._entries.popitem(last=False)
            self._bytes -= entry_bytes(dropped)

    def put(self, matcher: W3LeafMatcher, entry: tuple[array, array]) -> None:
        """Keep a directory read elsewhere (while a posting list was read whole)."""
        key = directory_key(matcher)
        if key is not None:
            with self._lock:
                self._keep(key, entry)

    def clear(self) -> None:
        """Forget every directory (tests; in service, replaced segments' directories age out)."""
        with self._lock:
            self._entries.clear()
            self._bytes = 0


DIRECTORIES = BlockDirectories()


def directory_key(matcher: W3LeafMatcher) -> tuple | None:
    """A posting list's key: its segment file's name and its offset (None for unnamed files)."""
    name = getattr(matcher._postfile, "_name", None)
    return None if name is None else (name, matcher._startoffset)


def entry_bytes(entry: tuple[array, array]) -> int:
    """Bytes a directory holds."""
    return sum(part.itemsize * len(part) for part in entry)


def read_directory(postfile, baseoffset: int) -> tuple[array, array]:
    """Each block's position and last document number, walking the headers once."""
    positions, last_ids = array("q"), array("q")
    position = baseoffset
    while True:
        postfile.seek(position)
        length = postfile.read_int()
        info = postfile.read_pickle()
        positions.append(position)
        last_ids.append(info[1])
        if length < 0:  # the last block
            return positions, last_ids
        position += whoosh3._INT_SIZE + length


class SkippingLeafMatcher(W3LeafMatcher):
    """W3LeafMatcher whose long skips jump to the right block through a directory."""

    def skip_to(self, targetid):
        """Move to the first document at or after targetid."""
        if not self.is_active():
            raise ReadTooFar
        if targetid <= self.id():
            return
        if targetid > self._maxid and not self._lastblock:
            directory = DIRECTORIES.get(self)
            if directory is None:
                super().skip_to(targetid)
                return
            positions, last_ids = directory
            block = bisect.bisect_left(last_ids, targetid)
            if block == len(last_ids):
                self._atend = True
                return
            self._goto(positions[block])
            self._lastblock = block == len(last_ids) - 1
        if self._ids is None:
            self._read_ids()
        self._i = bisect.bisect_left(self._ids, targetid, self._i)  # not one step at a time
        if self._i >= self._blocklength:  # past the last block's last id
            self._atend = True


def install() -> None:
    """Have Whoosh's standard codec read postings with SkippingLeafMatcher."""
    whoosh3.W3LeafMatcher = SkippingLeafMatcher


class Restricted(WrappingQuery):
    """A query matched only among given documents: each segment's matcher is intersected
    with the list of that segment's candidates, so common words are skipped, not walked."""

    def __init__(self, child, local_ids: dict[int, list[int]]):
        super().__init__(child)
        self.local_ids = local_ids

    def _rewrap(self, child):
        return self.__class__(child, self.local_ids)

    def matcher(self, searcher, context=None):
        """The child's matcher over this segment's candidates only."""
        ids = self.local_ids.get(id(searcher.reader()))
        if not ids:
            return NullMatcher()
        candidates = ListMatcher(ids, weights=[0.0] * len(ids))
        return IntersectionMatcher(candidates, self.child.matcher(searcher, context))


def restricted(searcher, query, docnums) -> Restricted:
    """The query matched only among the given global document numbers (sorted)."""
    local_ids = {}
    docnums = list(docnums)
    for reader, offset in searcher.reader().leaf_readers():
        begin = bisect.bisect_left(docnums, offset)
        end = bisect.bisect_left(docnums, offset + reader.doc_count_all())
        local_ids[id(reader)] = [docnum - offset for docnum in docnums[begin:end]]
    return Restricted(query, local_ids)
