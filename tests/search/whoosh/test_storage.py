"""Index files are read through shared memory maps: parts are views, never private copies."""

import gc
import io
import os
import pickle
import tracemalloc
from pathlib import Path

import pytest
from whoosh import fields, index
from whoosh.qparser import QueryParser

from portal.search.whoosh.index import files_signature
from portal.search.whoosh.storage import MappedFile, MappedStorage

DATA = b"first line\nsecond line\n" + pickle.dumps(("tuple", 1, 2.5)) + b"tail without newline"


@pytest.fixture
def mapped(tmp_path) -> MappedFile:
    """DATA in a file opened through MappedStorage."""
    (tmp_path / "data.bin").write_bytes(DATA)
    return MappedStorage(str(tmp_path)).open_file("data.bin")


def test_reads_seeks_and_tells_like_a_bytes_buffer(mapped):
    expected = io.BytesIO(DATA)
    for operation, argument in [
        ("read", 5),
        ("readline", -1),
        ("tell", None),
        ("seek", 3),
        ("read", 0),
        ("readline", 4),
        ("read", 10_000),
        ("read", 1),
        ("seek", -4),
        ("read", -1),
    ]:
        if operation == "seek":
            whence = os.SEEK_END if argument < 0 else os.SEEK_SET
            assert mapped.file.seek(argument, whence) == expected.seek(argument, whence)
        elif argument is None:
            assert mapped.file.tell() == expected.tell()
        else:
            assert getattr(mapped.file, operation)(argument) == getattr(expected, operation)(
                argument
            ), (operation, argument)


def test_pickles_and_integers_read_from_a_part(mapped):
    start = DATA.index(b"\x80")
    part = mapped.subset(start, len(DATA) - start)

    assert part.read_pickle() == ("tuple", 1, 2.5)
    assert part.read(4) == b"tail"
    assert part.get(0, 1) == b"\x80"
    assert mapped.subset(0, 5).read_int() == int.from_bytes(b"firs", "big")


def test_parts_share_the_map(mapped):
    part = mapped.subset(11, 6).subset(0, 4)

    assert part.read() == b"seco"
    assert part._buf.obj is mapped._buf.obj  # a view of the one map, not a copy


def test_an_empty_file_opens(tmp_path):
    (tmp_path / "empty").write_bytes(b"")

    with MappedStorage(str(tmp_path)).open_file("empty") as empty:
        assert empty.read() == b""


def build_index(folder: Path, count: int):
    """An index of count documents with varied words and stored text."""
    schema = fields.Schema(key=fields.ID(stored=True), body=fields.TEXT(stored=True))
    folder.mkdir()
    ix = index.create_in(str(folder), schema, indexname="portal")
    writer = ix.writer()
    for number in range(count):
        words = " ".join(f"w{(number * 7 + k) % 997} x{number % 13}" for k in range(40))
        writer.add_document(key=str(number), body=words)
    writer.commit()


def search_all_keys(folder: Path) -> list[str]:
    """Open the index afresh and read the stored keys of the documents holding x3."""
    ix = MappedStorage(str(folder)).open_index("portal")
    with ix.searcher() as searcher:
        hits = searcher.search(QueryParser("body", ix.schema).parse("x3"), limit=None)
        return [hit["key"] for hit in hits]


def test_searching_copies_no_index_file_into_memory(tmp_path):
    folder = tmp_path / "index"
    build_index(folder, 3000)
    size = sum(path.stat().st_size for path in folder.glob("*.seg"))
    search_all_keys(folder)  # Whoosh's and the parser's own first-use tables
    tracemalloc.start()
    try:
        keys = search_all_keys(folder)
        _held, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert len(keys) == 3000 // 13 + 1
    assert size > 400_000
    assert peak < size / 4, (peak, size)  # Whoosh's own BufferFile copies whole parts


def test_reopening_keeps_one_map_per_file(tmp_path):
    folder = tmp_path / "index"
    build_index(folder, 50)
    for _ in range(20):
        ix = MappedStorage(str(folder)).open_index("portal")
        with ix.searcher() as searcher:
            searcher.doc_count()
    gc.collect()
    maps = Path("/proc/self/maps").read_text().count(str(folder))

    assert maps <= len(list(folder.iterdir()))


def test_signature_changes_when_a_file_is_replaced(tmp_path):
    folder = tmp_path / "index"
    build_index(folder, 10)
    before = files_signature(str(folder))
    segment = next(folder.glob("*.seg"))
    copy = segment.with_suffix(".partial")
    copy.write_bytes(segment.read_bytes())
    copy.replace(segment)

    assert before
    assert files_signature(str(folder)) != before
    assert files_signature(str(tmp_path / "missing")) == ()
