"""Per-document facet codes and dates as numpy arrays, cached per segment and generation."""

import threading
from dataclasses import dataclass

import numpy as np

from portal.search.whoosh.schema import FACET_FIELDS


class Vocabulary:
    """Maps facet values to small integer codes (code 0 is the empty value)."""

    def __init__(self):
        self.codes: dict[str, int] = {"": 0}
        self.values: list[str] = [""]
        self._lock = threading.Lock()

    def code(self, value: str) -> int:
        """The code of a value, assigning a new one when unseen."""
        found = self.codes.get(value)
        if found is None:
            with self._lock:
                found = self.codes.setdefault(value, len(self.values))
                if found == len(self.values):
                    self.values.append(value)
        return found


@dataclass
class Columns:
    """Arrays indexed by global document number."""

    facets: dict[str, np.ndarray]
    day: np.ndarray
    live: np.ndarray


class ColumnCache:
    """Builds Columns for a searcher, reusing the arrays of unchanged segments."""

    def __init__(self):
        self.vocabulary = Vocabulary()
        self._segments: dict[str, dict[str, np.ndarray]] = {}
        self._generation: tuple | None = None
        self._columns: Columns | None = None

    def columns(self, searcher, stamp: tuple) -> Columns:
        """The columns of the searcher's reader (stamp identifies its generation)."""
        if self._generation != stamp or self._columns is None:
            self._columns = self._build(searcher.reader())
            self._generation = stamp
        return self._columns

    def _build(self, reader) -> Columns:
        """Concatenate per-segment arrays and the live-document mask."""
        parts, lives, seen = [], [], set()
        for segment_reader, _offset in reader.leaf_readers():
            if segment_reader.segment() is None:
                continue  # an empty index's EmptyReader: no documents, no columns
            segment_id = segment_reader.segment().segment_id()
            seen.add(segment_id)
            if segment_id not in self._segments:
                self._segments[segment_id] = self._read_segment(segment_reader)
            parts.append(self._segments[segment_id])
            lives.append(self._live_mask(segment_reader))
        for stale in set(self._segments) - seen:
            del self._segments[stale]
        names = (*FACET_FIELDS, "day")
        merged = {
            name: np.concatenate([part[name] for part in parts]) if parts else np.zeros(0, np.int32)
            for name in names
        }
        live = np.concatenate(lives) if lives else np.zeros(0, bool)
        day = merged.pop("day")
        return Columns(facets=merged, day=day, live=live)

    def _read_segment(self, segment_reader) -> dict[str, np.ndarray]:
        """Read the facet and date columns of one segment."""
        arrays = {}
        for name in FACET_FIELDS:
            values = segment_reader.column_reader(name, translate=True)
            codes = [self.vocabulary.code(value) for value in values]
            arrays[name] = np.asarray(codes, dtype=np.int32)
        arrays["day"] = np.asarray(list(segment_reader.column_reader("day")), dtype=np.int32)
        return arrays

    @staticmethod
    def _live_mask(segment_reader) -> np.ndarray:
        """True for documents of the segment that are not deleted."""
        mask = np.ones(segment_reader.doc_count_all(), dtype=bool)
        deleted = list(segment_reader.deleted_docs_set)
        if deleted:
            mask[np.asarray(deleted, dtype=np.int64)] = False
        return mask
