"""PostgreSQL search: kept facet counts of frequent words equal counting the rows."""

from datetime import date

import pytest
from sqlalchemy import select

from portal.extensions import cache, db
from portal.models import SearchRecord, SearchTallyTerm
from portal.search import maintenance, registry, search
from portal.search.postgres import tallies
from portal.search.postgres.backend import PostgresBackend, matches
from portal.services.corrections import correct_record, withdraw_record
from tests.conftest import commit_content


@pytest.fixture
def postgres(app):
    """Skip unless the app runs the PostgreSQL backend; tally every word in two documents."""
    if app.config["SEARCH_BACKEND"] != "postgres":
        pytest.skip("PostgreSQL backend only")
    app.config["SEARCH_TALLY_MIN_DOCS"] = 2
    app.config["SEARCH_DISABLE_CACHE"] = True
    return registry.backend()


def tallied_words() -> list[str]:
    """Every word whose facet counts are kept."""
    return list(db.session.scalars(select(SearchTallyTerm.lexeme)))


def assert_tallies_match_rows():
    """Each tallied word's kept combinations equal a GROUP BY over its rows."""
    words = tallied_words()
    assert tallies.EVERY_DOCUMENT in words
    for word in words:
        condition = matches(SearchRecord.tokens, f"'{word}'") if word else SearchRecord.id > 0
        counted = PostgresBackend._combinations([condition])
        assert sorted(tallies.combinations(db.session, word), key=str) == sorted(counted, key=str)


def test_rebuild_keeps_counts_of_frequent_words(postgres, corpus):
    maintenance.rebuild_index()

    assert {"不合格", "公告", "有限公司"} <= set(tallied_words())
    assert "火灾" not in tallied_words()  # in the recall only
    assert_tallies_match_rows()


def test_tallies_follow_publishing_correcting_and_withdrawing(
    postgres, corpus, create_announcement
):
    maintenance.rebuild_index()
    create_announcement(
        results=(("不合格", ["导体电阻"]), ("不合格", ["标志"])),
        title="2026年电线电缆产品质量监督抽查结果公告（第二批）",
        issued_on=date(2026, 7, 1),
    )
    commit_content()
    assert_tallies_match_rows()

    correct_record(corpus["cable_notice"], {"issued_on": date(2024, 6, 1)}, "发布日期有误。")
    db.session.commit()
    assert_tallies_match_rows()

    withdraw_record(corpus["lamp_notice"], "重复发布，撤回。")
    db.session.commit()
    assert_tallies_match_rows()


def test_search_for_a_tallied_word_counts_like_any_search(postgres, corpus, monkeypatch):
    queries = [
        {"q": "不合格"},
        {"q": "有限公司", "type": "batch"},
        {"q": "公告", "year": "2025"},
        {"type": "batch"},
        {},
    ]
    counted = [search({**query, "page": 1, "per_page": 10}) for query in queries]
    maintenance.rebuild_index()
    cache.clear()  # the browsing summary counted above

    def no_counting(conditions):
        raise AssertionError("a tallied word must not be counted row by row")

    monkeypatch.setattr(PostgresBackend, "_combinations", staticmethod(no_counting))
    for query, expected in zip(queries, counted, strict=True):
        page = search({**query, "page": 1, "per_page": 10})
        assert (page.total, page.facets) == (expected.total, expected.facets)
        assert [hit.url for hit in page.hits] == [hit.url for hit in expected.hits]
