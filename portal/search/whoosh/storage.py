"""Index files read through shared memory maps, never copied into a process's own memory.

Whoosh maps each compound segment file, but hands every file inside it out as a BufferFile
whose BytesIO copies the whole part (postings, terms, stored fields) into the reading process:
about 90 MB per worker at scale 6, and again after every reopen. Here each part is a view of
the map instead, so its pages stay in the kernel's file cache, shared by every worker and by
the searchers opened before and after a publication.
"""

import io
import mmap
import os
import pickle

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import BufferFile, StructFile

PICKLE_CHUNK = 4096  # posting block headers and most pickles fit


class ViewReader:
    """A read-only file over [start, start + size) of a map: no copy beyond what is read."""

    def __init__(self, source: mmap.mmap, start: int, size: int):
        self._source = source
        self._start = start
        self._size = size
        self._position = 0

    def read(self, size: int = -1) -> bytes:
        """Up to size bytes from the position (all that remain when size is negative)."""
        begin = self._position
        end = self._size if size is None or size < 0 else min(begin + size, self._size)
        end = max(begin, end)
        self._position = end
        return self._source[self._start + begin : self._start + end]

    def readinto(self, buffer) -> int:
        """Fill buffer from the position; return the number of bytes copied."""
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def readline(self, size: int = -1) -> bytes:
        """Bytes up to and including the next newline (pickle reads some opcodes so)."""
        begin = self._position
        limit = self._size if size is None or size < 0 else min(begin + size, self._size)
        found = self._source.find(b"\n", self._start + begin, self._start + limit)
        end = limit if found < 0 else found - self._start + 1
        return self.read(end - begin)

    def seek(self, position: int, whence: int = os.SEEK_SET) -> int:
        """Move the position; return it."""
        if whence == os.SEEK_CUR:
            position += self._position
        elif whence == os.SEEK_END:
            position += self._size
        self._position = max(0, position)
        return self._position

    def load_pickle(self):
        """The pickled object at the position (read from one slice: pickle reads a plain
        file opcode by opcode, a Python call each)."""
        begin = self._position
        for end in (min(begin + PICKLE_CHUNK, self._size), self._size):
            chunk = io.BytesIO(self._source[self._start + begin : self._start + end])
            try:
                value = pickle.load(chunk)  # noqa: S301 (Whoosh pickles into its own files)
            except (EOFError, pickle.UnpicklingError, ValueError):
                if end == self._size:
                    raise
                continue  # longer than the chunk: read it from the whole rest
            self._position = begin + chunk.tell()
            return value

    def tell(self) -> int:
        """The position."""
        return self._position

    def close(self) -> None:
        """Nothing to release: the map is unmapped once no file uses it."""


class MappedFile(BufferFile):
    """A StructFile over part of a memory map; subset() gives parts of it, never copies."""

    def __init__(self, source: mmap.mmap, start: int, size: int, name=None):
        self._buf = memoryview(source)[start : start + size]
        self._name = name
        self.file = ViewReader(source, start, size)
        self.onclose = None
        self.is_real = False
        self.is_closed = False
        self._source, self._start = source, start

    def read_pickle(self):
        """The pickled object at the position."""
        return self.file.load_pickle()

    def subset(self, position: int, length: int, name=None) -> "MappedFile":
        """The part [position, position + length) as its own file over the same map."""
        return MappedFile(self._source, self._start + position, length, name or self._name)


class MappedStorage(FileStorage):
    """FileStorage whose files are memory maps; compound segments hand out parts of them."""

    def __init__(self, path: str):
        # With supports_mmap off, CompoundStorage takes subset() of the file we open instead
        # of mapping it again and copying every part it opens.
        super().__init__(path, supports_mmap=False)

    def open_file(self, name: str, **kwargs):
        """The named file, mapped read-only (an empty one is opened as a plain file)."""
        path = self._fpath(name)
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size == 0:
                return StructFile(open(path, "rb"), name=name, **kwargs)
            source = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
        return MappedFile(source, 0, size, name=name)
