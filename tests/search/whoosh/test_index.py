"""Whoosh-specific behaviour: the writer lock, corrupt and missing indexes, background rebuild."""

import threading
from pathlib import Path

import pytest

from portal.search import maintenance, registry, search
from portal.search.errors import SearchUnavailableError

# Whoosh leaves an unreadable TOC file open when it fails to parse it (the corrupt-index test).
pytestmark = pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture
def whoosh(app):
    """Skip unless the app runs the Whoosh backend."""
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("Whoosh backend only")
    return registry.backend()


def test_writer_waits_then_gives_up_on_a_held_lock(whoosh, corpus):
    from portal.search.whoosh import index as whoosh_index

    ix = whoosh_index.open_index(whoosh.folder)
    held = ix.writer()
    try:
        with pytest.raises(SearchUnavailableError):
            whoosh_index.apply_changes(whoosh.folder, [], ["recall:1"], attempts=2, timeout=0.05)
    finally:
        held.cancel()
    whoosh_index.apply_changes(whoosh.folder, [], [f"recall:{corpus['recall'].id}"], attempts=2)
    assert search({"q": "吸顶灯", "page": 1, "per_page": 10}).total == 0


def test_corrupt_index_is_rebuilt_at_start_up(app, whoosh, corpus):
    for path in Path(whoosh.folder).glob("*.toc"):
        path.write_bytes(b"garbage")
    whoosh._close()
    assert whoosh.problem() == "corrupt"
    maintenance.ensure_index(app, "sync")
    assert whoosh.problem() is None
    assert search({"q": "电线电缆", "page": 1, "per_page": 10}).total > 0


def test_index_of_an_older_format_is_rebuilt_at_start_up(app, whoosh, corpus):
    from portal.search.whoosh import index as whoosh_index

    whoosh_index.write_state(whoosh.folder, format=whoosh_index.FORMAT_VERSION - 1)
    assert whoosh.problem() == "outdated"
    maintenance.ensure_index(app, "sync")
    assert whoosh.problem() is None
    assert search({"q": "电线电缆", "page": 1, "per_page": 10}).total > 0


def test_missing_index_is_rebuilt_in_the_background(app, client, whoosh, corpus):
    import shutil

    shutil.rmtree(whoosh.folder)
    whoosh._close()
    state = registry.state(app)
    state.rebuilding.set()  # as during a rebuild: the page says so and lists keep working
    response = client.get("/search?q=电线电缆")
    assert response.status_code == 503
    assert "搜索索引正在建立" in response.get_data(as_text=True)
    assert client.get("/announcements/").status_code == 200
    state.rebuilding.clear()
    thread = maintenance.ensure_index(app, "background")
    thread.join(timeout=60)
    assert search({"q": "电线电缆", "page": 1, "per_page": 10}).total > 0


def test_stale_index_is_noticed(app, whoosh, corpus):
    from portal.search.whoosh import index as whoosh_index

    whoosh_index.write_state(whoosh.folder, content_version=-1)
    assert maintenance.startup_problem() == "stale"


def test_preloaded_searcher_serves_the_next_search(whoosh, corpus, monkeypatch):
    from portal.search.whoosh import index as whoosh_index

    whoosh._close()
    whoosh.preload()
    opened = []
    monkeypatch.setattr(whoosh_index, "open_index", lambda folder: opened.append(folder))

    assert search({"q": "电线电缆", "page": 1, "per_page": 10}).total > 0
    assert opened == []


def test_preload_without_an_index_does_nothing(app, whoosh):
    whoosh.preload()

    assert whoosh.problem() == "missing"


def test_a_replaced_index_file_is_read_afresh(whoosh, corpus):
    whoosh.preload()
    keys = whoosh.keys()
    for path in Path(whoosh.folder).glob("*.seg"):
        data = path.read_bytes()
        partial = path.with_suffix(".partial")
        partial.write_bytes(data[: len(data) // 2])
        partial.replace(path)  # a restore gone wrong: the open maps keep the old file

    assert keys
    with pytest.raises(EOFError):  # read from the cut file, not from the old map
        whoosh.keys()


def test_a_rebuild_forgets_the_cuts_it_cached(whoosh, corpus):
    from portal.search import analysis, pinyin

    assert maintenance.rebuild_index() > 0
    assert analysis._segment_tokens.cache_info().currsize == 0
    assert pinyin.text_keys.cache_info().currsize == 0
    assert search({"q": "电线电缆", "page": 1, "per_page": 10}).total > 0


def test_a_rebuild_in_chunks_finds_what_one_chunk_finds(whoosh, corpus, monkeypatch):
    from portal.search.whoosh import index as whoosh_index

    queries = ("电线电缆", "合格", "有限公司", "吸顶灯", "dianxian")
    whole = [search({"q": q, "page": 1, "per_page": 50}) for q in queries]
    monkeypatch.setattr(whoosh_index, "CHUNK_DOCUMENTS", 2)
    count = maintenance.rebuild_index()

    ix = whoosh_index.open_index(whoosh.folder)
    segments = ix._segments()
    assert len(segments) >= count // 2, [s.doc_count() for s in segments]
    assert sum(segment.doc_count() for segment in segments) == count
    chunked = [search({"q": q, "page": 1, "per_page": 50}) for q in queries]
    for before, after in zip(whole, chunked, strict=True):
        assert after.total == before.total
        assert [hit.url for hit in after.hits] == [hit.url for hit in before.hits]


def test_a_rebuild_beside_other_threads_forks_no_writer_processes(tmp_path):
    from whoosh.multiproc import MpWriter

    from portal.search.whoosh import index as whoosh_index

    ix = whoosh_index.create_index(str(tmp_path))
    writers = []
    thread = threading.Thread(target=lambda: writers.append(whoosh_index.build_writer(ix)))
    thread.start()  # the main thread is alive beside it, as a serving worker's threads are
    thread.join()
    try:
        assert not isinstance(writers[0], MpWriter)
    finally:
        writers[0].cancel()
