"""Posting lists skipped through a block directory land where Whoosh's own skipping lands."""

import random

import pytest
from whoosh import fields, index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import ReadTooFar

from portal.search.whoosh import skipping
from portal.search.whoosh.storage import MappedStorage


@pytest.fixture
def reader(tmp_path):
    """A one-segment index: `common` in every document, `third` in every third."""
    ix = index.create_in(str(tmp_path), fields.Schema(body=fields.KEYWORD))
    with ix.writer() as writer:
        for number in range(5000):
            writer.add_document(body="common third" if number % 3 == 0 else "common")
    opened = MappedStorage(str(tmp_path)).open_index().reader()
    yield opened
    opened.close()


def landings(matcher, targets) -> list:
    """Where each skip lands (None once the list is exhausted)."""
    found = []
    for target in targets:
        try:
            matcher.skip_to(target)
        except ReadTooFar:
            found.append(None)
            continue
        found.append(matcher.id() if matcher.is_active() else None)
    return found


@pytest.mark.parametrize("term", ["common", "third"])
def test_skips_land_on_the_same_documents(reader, term):
    targets = sorted(random.Random(7).sample(range(5200), 300))
    plain = reader.postings("body", term)
    fast = reader.postings("body", term)
    plain.__class__ = W3LeafMatcher  # Whoosh's own skipping, block by block
    assert isinstance(fast, skipping.SkippingLeafMatcher)
    assert landings(fast, targets) == landings(plain, targets)


def test_a_directory_is_read_once_per_posting_list(reader):
    skipping.DIRECTORIES.clear()
    for _ in range(3):
        matcher = reader.postings("body", "common")
        matcher.skip_to(4000)
        assert matcher.id() == 4000
    assert len(skipping.DIRECTORIES) == 1


def test_a_restricted_query_scores_only_the_candidates(reader, tmp_path):
    from whoosh import query

    with MappedStorage(str(tmp_path)).open_index().searcher() as searcher:
        candidates = [3, 4, 999, 4998]
        restricted = skipping.restricted(searcher, query.Term("body", "common"), candidates)
        hits = searcher.search(restricted, limit=None)
        assert sorted(hit.docnum for hit in hits) == candidates
        plain = {
            hit.docnum: hit.score
            for hit in searcher.search(query.Term("body", "common"), limit=None)
        }
        assert all(hit.score == pytest.approx(plain[hit.docnum]) for hit in hits)


def test_reading_a_posting_list_whole_keeps_its_directory(reader):
    from portal.search.whoosh.postings import raw_ids

    skipping.DIRECTORIES.clear()
    assert raw_ids(reader, "body", "common").size == 5000
    assert len(skipping.DIRECTORIES) == 1
    matcher = reader.postings("body", "common")
    expected = skipping.read_directory(matcher._postfile, matcher._baseoffset)
    assert skipping.DIRECTORIES.get(matcher) == expected
    assert len(skipping.DIRECTORIES) == 1
