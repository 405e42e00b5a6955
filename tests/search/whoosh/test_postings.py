"""The posting cache and mask matching give what Whoosh's own matchers give, and follow the
index as it changes."""

import numpy as np
import pytest
from whoosh import index as whoosh_index
from whoosh.fields import ID, TEXT, Schema
from whoosh.query import Or

from portal.search import search
from portal.search.querying import parse_query
from portal.search.whoosh import query as wq
from portal.search.whoosh.postings import PostingCache, raw_ids

WORDS = ["alpha", "beta", "gamma", "delta"]


@pytest.fixture
def plain_index(tmp_path):
    """A Whoosh index of 700 short documents in two segments, some deleted (multi-block
    posting lists: Whoosh writes 128 postings a block)."""
    ix = whoosh_index.create_in(str(tmp_path), Schema(key=ID(stored=True, unique=True), text=TEXT))
    for start in (0, 400):
        writer = ix.writer()
        for number in range(start, start + (400 if start == 0 else 300)):
            words = [word for i, word in enumerate(WORDS) if number % (i + 2) == 0]
            writer.add_document(key=str(number), text=" ".join(words or ["omega"]))
        writer.commit(merge=False)
    writer = ix.writer()
    for number in range(0, 700, 7):
        writer.delete_by_term("key", str(number))
    writer.commit(merge=False)
    return ix


def whoosh_ids(searcher, text: str) -> set[int]:
    """Live documents holding a term, by Whoosh's own matcher."""
    from whoosh.query import Term

    return set(Term("text", text).matcher(searcher).all_ids())


@pytest.mark.parametrize("min_docs", [1, 10**6])  # every term kept, or none
@pytest.mark.parametrize("word", [*WORDS, "omega", "missing"])
def test_masks_hold_the_documents_whoosh_matches(plain_index, word, min_docs):
    cache = PostingCache(min_docs=min_docs)
    with plain_index.searcher() as searcher:
        reader = searcher.reader()
        assert len(reader.leaf_readers()) == 2
        live = np.array([not reader.is_deleted(n) for n in range(reader.doc_count_all())])
        for _ in range(2):  # read, then (when kept) from the cache
            mask = cache.mask(reader, "text", word)
            assert set(np.flatnonzero(mask & live)) == whoosh_ids(searcher, word)
    assert (len(cache) > 0) == (min_docs == 1 and word != "missing")


def test_raw_ids_include_deleted_documents(plain_index):
    with plain_index.searcher() as searcher:
        segment_reader, _offset = searcher.reader().leaf_readers()[0]
        assert segment_reader.has_deletions()
        ids = raw_ids(segment_reader, "text", "alpha")
        assert ids.tolist() == list(range(0, 400, 2))


def test_least_recently_used_terms_go_beyond_the_budget(plain_index):
    cache = PostingCache(max_bytes=200, min_docs=1)  # two segments' bits of one term: 88 bytes
    with plain_index.searcher() as searcher:
        reader = searcher.reader()
        for word in ["alpha", "beta", "gamma"]:
            cache.mask(reader, "text", word)
        kept = {key[2] for key in cache._entries}
        assert kept == {"beta", "gamma"}
        assert sum(bits.nbytes for bits in cache._entries.values()) <= 200


def page(query: str) -> dict:
    """Total and hit keys of the first page of a query."""
    found = search({"q": query, "page": 1, "per_page": 50})
    return {"total": found.total, "keys": {f"{hit.doc_type}:{hit.record_id}" for hit in found.hits}}


def test_cached_terms_follow_deletions_additions_and_rebuilds(
    app, whoosh, corpus, create_announcement
):
    from portal.search.maintenance import rebuild_index

    before = page("电线电缆")
    assert before["total"] > 0
    assert len(whoosh._postings) > 0
    notice = corpus["cable_notice"]
    whoosh.apply([], [f"announcement:{notice.id}"])  # as a withdrawal does
    after_delete = page("电线电缆")
    assert f"announcement:{notice.id}" not in after_delete["keys"]
    assert after_delete["total"] == before["total"] - 1
    added = create_announcement(title="2026年电线电缆产品质量监督抽查结果公告（二）")
    after_add = page("电线电缆")
    assert f"announcement:{added.id}" in after_add["keys"]
    segments = {key[0] for key in whoosh._postings._entries}
    rebuild_index()
    after_rebuild = page("电线电缆")
    assert f"announcement:{notice.id}" in after_rebuild["keys"]
    assert not segments & {key[0] for key in whoosh._postings._entries}


QUERIES = [
    "电线电缆",
    "不合格",
    "产品质量 不合格",
    "合格 -抽查 -产品 -公告 -上海",
    "-电线电缆",
    '"导体电阻"',
    '"质量监督抽查"',
    "dianxian",
    "电线电揽",
    "阻燃",
    "照明电器有限公司",
    "充电宝",
]


@pytest.mark.parametrize("text", QUERIES)
def test_masks_match_what_whoosh_queries_match(whoosh, corpus, text):
    from portal.search.synonyms import expand

    plan = parse_query(text)
    expand(plan)
    searcher = whoosh._current_searcher()
    masks = wq.Masks(searcher, whoosh._postings)
    reader = searcher.reader()
    live = np.array([not reader.is_deleted(n) for n in range(reader.doc_count_all())])
    required = masks.required(plan)
    mask = live.copy() if required is None else required & live
    excluded = masks.excluded(plan)
    if excluded is not None:
        mask &= ~excluded
    positive = wq.positive_query(searcher, plan)
    negative = [wq.clause_query(searcher, clause) for clause in plan.must_not]
    expected = set(range(reader.doc_count_all())) if positive is None else None
    if positive is not None:
        expected = set(wq.matching_ids(searcher, positive))
    expected = {n for n in expected if live[n]}
    if negative:
        expected -= set(wq.matching_ids(searcher, Or(negative)))
    assert set(np.flatnonzero(mask)) == expected
