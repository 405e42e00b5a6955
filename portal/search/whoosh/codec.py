"""A Whoosh codec for writing: field lengths read once per segment, not once per posting."""

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3Codec, W3PerDocReader, W3Segment
from whoosh.util.numeric import byte_to_length

# W3PerDocReader returns None for a length byte of 0 and the decoded length otherwise.
LENGTH_OF_BYTE = [None, *(byte_to_length(byte) for byte in range(1, 256))]


class WritingCodec(W3Codec):
    """W3Codec whose flush looks field lengths up in lists; the segments name plain W3Codec."""

    def new_segment(self, storage, indexname):
        """A segment recording the standard codec, so readers never need this class."""
        standard = W3Codec(self._blocklimit, self._compression, self._inlinelimit)
        return W3Segment(standard, indexname)

    def per_document_reader(self, storage, segment):
        """The per-document reader used while the segment's postings are written."""
        return LengthListReader(storage, segment)


class LengthListReader(W3PerDocReader):
    """Reads each field's length column into a list on first use."""

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._length_lists: dict[str, list | None] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        """The length of a field in a document, as W3PerDocReader gives it."""
        lengths = self._length_lists.get(fieldname, False)
        if lengths is False:
            lengths = self._length_lists[fieldname] = self._read_lengths(fieldname)
        if lengths is None:
            return default
        return lengths[docnum]

    def _read_lengths(self, fieldname: str) -> list | None:
        """Decoded lengths of every document, or None when the field stores none."""
        reader = self._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if reader is None:
            return None
        return [LENGTH_OF_BYTE[byte] for byte in reader]
