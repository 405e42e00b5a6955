"""Reading the frequent terms ahead: in preload, and in a worker's thread after index changes,
within its bounds, without changing what searches find."""

import logging
import threading
import time

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.analysis import SpaceSeparatedTokenizer
from whoosh.fields import ID, TEXT, Schema

from portal.search import registry, search, watch_index
from portal.search.whoosh import WarmSettings, WhooshBackend
from portal.search.whoosh import warming as warming_module
from portal.search.whoosh.postings import PostingCache
from portal.search.whoosh.warming import IndexWatcher, Warmer, doc_frequencies, frequent_terms

QUERIES = ["电线电缆", "不合格", "产品质量 不合格", "合格 -抽查 -产品", "有限公司", '"导体电阻"']


@pytest.fixture
def small_index(tmp_path):
    """One segment of 300 documents: alpha in every 2nd, beta in every 3rd, 中 in every one."""
    schema = Schema(key=ID(stored=True, unique=True), text=TEXT(SpaceSeparatedTokenizer()))
    ix = whoosh_index.create_in(str(tmp_path), schema)
    with ix.writer() as writer:
        for number in range(300):
            words = ["中"] + [w for i, w in enumerate(["alpha", "beta"]) if number % (i + 2) == 0]
            writer.add_document(key=str(number), text=" ".join(words))
    return ix


def test_frequent_terms_are_ranked_by_documents_single_characters_last(small_index):
    with small_index.searcher() as searcher:
        leaf = searcher.reader().leaf_readers()[0][0]
        counts = dict(doc_frequencies(leaf, "text"))
        expected = {text.decode(): info.doc_frequency() for text, info in leaf.iter_field("text")}

        assert counts == expected == {"alpha": 150, "beta": 100, "中": 300}
        assert frequent_terms(leaf, "text", 10, min_docs=1) == ["alpha", "beta", "中"]
        assert frequent_terms(leaf, "text", 1, min_docs=1) == ["alpha"]
        assert frequent_terms(leaf, "text", 10, min_docs=120) == ["alpha", "中"]
        assert frequent_terms(leaf, "missing", 10, min_docs=1) == []


def test_warming_a_term_keeps_the_bits_a_search_would_keep(small_index):
    warmed, searched = PostingCache(min_docs=1), PostingCache(min_docs=1)
    with small_index.searcher() as searcher:
        leaf = searcher.reader().leaf_readers()[0][0]
        assert warmed.warm(leaf, "text", "alpha")
        searched.mask(searcher.reader(), "text", "alpha")

    assert len(warmed) == 1
    assert warmed._entries.keys() == searched._entries.keys()
    key = next(iter(warmed._entries))
    assert np.array_equal(warmed._entries[key], searched._entries[key])


def test_warming_fills_half_the_budget_and_never_drops_an_entry(small_index):
    cache = PostingCache(max_bytes=100, min_docs=1)  # a term's bits in 300 documents: 38 bytes
    with small_index.searcher() as searcher:
        leaf = searcher.reader().leaf_readers()[0][0]
        assert cache.warm(leaf, "text", "alpha")  # 38 of the 50 bytes warming may fill
        assert not cache.warm(leaf, "text", "beta")
        assert cache.warm(leaf, "text", "alpha")  # kept already

    assert [key[2] for key in cache._entries] == ["alpha"]


def page(query: str) -> dict:
    """Total and hit keys of the first page of a query."""
    found = search({"q": query, "page": 1, "per_page": 50})
    return {"total": found.total, "keys": {f"{hit.doc_type}:{hit.record_id}" for hit in found.hits}}


def segment_ids(backend) -> set[str]:
    """The segments (with documents) of the backend's current searcher."""
    with backend._lock:  # not while the watcher reopens it
        leaves = backend._searcher.reader().leaf_readers()
        return {leaf.segment().segment_id() for leaf, _offset in leaves if leaf.doc_count_all()}


def cached_segments(backend) -> set[str]:
    """The segments the posting cache holds terms of."""
    return {key[0] for key in backend._postings._entries}


def test_preload_reads_the_frequent_terms(whoosh, corpus):
    whoosh._close()
    whoosh._postings.follow(set())
    whoosh.preload()

    terms = {key[1:] for key in whoosh._postings._entries}
    assert {("content", "合格"), ("content", "不合格")} <= terms
    assert cached_segments(whoosh) == segment_ids(whoosh)


def test_a_setting_turns_the_read_ahead_off(app, corpus):
    if app.config["SEARCH_BACKEND"] != "whoosh":
        pytest.skip("Whoosh backend only")
    app.config["SEARCH_WARM_TERMS"] = 0
    backend = registry.make_backend(app)
    backend._postings.min_docs = 1
    backend.preload()

    assert backend._searcher is not None
    assert len(backend._postings) == 0


def wait_for(condition, seconds: float = 10.0) -> None:
    """Poll until condition() is true; fail after seconds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_after_an_index_change_the_watcher_reopens_and_fills_the_cache(
    app, whoosh, corpus, create_recall, monkeypatch
):
    from portal.search.whoosh import index as store

    whoosh._warmer.settings = WarmSettings(interval=0.05)
    watcher = whoosh.watch()
    wait_for(lambda: watcher.rounds >= 1)
    before = segment_ids(whoosh)
    app.config["SEARCH_AUTO_INDEX"] = False  # indexed below by another worker's backend
    recall = create_recall(title="上海新锐电器有限公司召回部分电暖器", product_name="电暖器")
    other_worker = WhooshBackend(whoosh.folder)  # writes the files; this backend is not told
    other_worker.apply(list(whoosh_documents(recall)), [])

    def new_segments_warmed() -> bool:
        new = segment_ids(whoosh) - before
        return watcher.rounds >= 2 and bool(new) and new <= cached_segments(whoosh)

    wait_for(new_segments_warmed)  # reopened and read without any search asking
    opened = []
    monkeypatch.setattr(store, "open_index", lambda folder: opened.append(folder))
    assert page("电暖器")["keys"] == {f"recall:{recall.id}"}
    assert opened == []  # the search found the searcher reopened


def whoosh_documents(recall):
    """The search documents of a recall."""
    from portal.extensions import db
    from portal.search import sources

    return sources.recall_documents(db.session, ids=[recall.id])


def test_a_rebuild_in_this_worker_is_warmed_at_once(whoosh, corpus):
    from portal.search.maintenance import rebuild_index

    whoosh._current_searcher()
    old = segment_ids(whoosh)
    whoosh._warmer.settings = WarmSettings(interval=60)  # only a wake-up starts a warm-up
    watcher = whoosh.watch()
    rebuild_index()

    wait_for(lambda: watcher.rounds >= 1)
    assert not segment_ids(whoosh) & old
    assert cached_segments(whoosh) == segment_ids(whoosh)


@pytest.fixture
def expected(whoosh, corpus):
    """The queries' pages with the posting cache unused."""
    whoosh._postings.min_docs = 10**6
    pages = {query: page(query) for query in QUERIES}
    whoosh._postings.min_docs = 1
    whoosh._postings.follow(set())
    assert len(whoosh._postings) == 0
    return pages


def test_searches_during_a_warm_up_find_what_they_find_without_it(whoosh, expected, monkeypatch):
    paused, resume = threading.Event(), threading.Event()
    original = Warmer._plan

    def pausing_plan(self, leaves, deadline):
        for number, item in enumerate(original(self, leaves, deadline)):
            if number == 5:
                paused.set()
                resume.wait(10)
            yield item

    monkeypatch.setattr(Warmer, "_plan", pausing_plan)
    warm_up = threading.Thread(target=whoosh._warm, args=(whoosh._current_searcher(),))
    warm_up.start()
    assert paused.wait(10)
    partly = len(whoosh._postings)
    assert partly == 5
    assert {query: page(query) for query in QUERIES} == expected
    resume.set()
    warm_up.join(10)
    assert len(whoosh._postings) > partly
    assert {query: page(query) for query in QUERIES} == expected


def test_searches_beside_repeated_warm_ups_find_the_same(whoosh, expected):
    searcher = whoosh._current_searcher()
    stop = threading.Event()

    def warm_again_and_again():
        while not stop.is_set():
            whoosh._postings.follow(set())  # forget everything, then read it all again
            whoosh._warm(searcher)

    warm_ups = threading.Thread(target=warm_again_and_again)
    warm_ups.start()
    try:
        for _ in range(5):
            assert {query: page(query) for query in QUERIES} == expected
    finally:
        stop.set()
        warm_ups.join(10)


def test_a_warm_up_stops_at_its_time_budget(whoosh, corpus, monkeypatch):
    whoosh._warmer.settings = WarmSettings(seconds=-1.0)
    whoosh._postings.follow(set())

    assert whoosh._warm(whoosh._current_searcher()) == 0
    assert len(whoosh._postings) == 0


def test_a_warm_up_waits_while_searches_run(whoosh, corpus):
    whoosh._postings.follow(set())
    whoosh._warmer.settings = WarmSettings(seconds=0.2)
    with whoosh._traffic.search():  # a search under way for the whole budget
        assert whoosh._warm(whoosh._current_searcher()) == 0

    whoosh._warmer.settings = WarmSettings()
    assert whoosh._warm(whoosh._current_searcher()) > 0


def test_a_failing_warm_up_is_logged_once(caplog):
    def broken():
        raise EOFError("cut file")

    watcher = IndexWatcher(broken, lambda searcher: 0, interval=1)
    with caplog.at_level(logging.WARNING, logger=warming_module.__name__):
        watcher.check()
        watcher.check()

    assert caplog.text.count("Warming the search index failed") == 1
    assert watcher.rounds == 0


def test_workers_start_a_watcher_unless_the_interval_is_zero(app, whoosh):
    app.config["SEARCH_WARM_INTERVAL"] = 0
    watch_index(app)
    assert whoosh.watcher is None

    app.config["SEARCH_WARM_INTERVAL"] = 30
    watch_index(app)
    assert whoosh.watcher.is_alive()
    assert whoosh.watch() is whoosh.watcher  # one per process
