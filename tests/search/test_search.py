"""Search behaviour shared by both backends (the suite runs once per backend)."""

import pytest

from portal.queries.common import load_args
from portal.search import SearchArgs, search


def run(**args):
    """Load the arguments like a request would, then search."""
    return search(load_args(SearchArgs(), {key: str(value) for key, value in args.items()}))


def types(page):
    """(doc_type, title) of every hit on the page."""
    return [(hit.doc_type, hit.title) for hit in page.hits]


@pytest.mark.parametrize("query", ["监督抽查", "監督抽查", "产品質量"])
def test_simplified_and_traditional_find_the_same(corpus, query):
    page = run(q=query)
    titles = [hit.title for hit in page.hits]
    assert "2025年电线电缆产品质量监督抽查结果公告" in titles
    assert "2026年LED灯具产品質量監督抽查結果公告" in titles


def test_full_width_led_lamp_finds_led_products(corpus):
    page = run(q="ＬＥＤ燈")
    found = {hit.doc_type for hit in page.hits}
    assert {"recall", "announcement"} <= found
    assert not any("电缆" in hit.title for hit in page.hits)


def test_quoted_phrase_matches_in_order_only(corpus):
    assert {h.doc_type for h in run(q='"温升超标"').hits} == {"batch"}
    assert run(q='"超标温升"').total == 1  # the announcement summary has this order
    assert run(q='"超标温升"').hits[0].doc_type == "announcement"


def test_exclusion_removes_matches(corpus):
    with_failed = run(q="电线电缆", type="batch")
    without = run(q="电线电缆 -不合格", type="batch")
    assert with_failed.total == 3
    assert without.total == 1
    assert all(hit.result == "合格" for hit in without.hits)


def test_field_filters_in_the_box_and_as_arguments_agree(corpus):
    in_box = run(q="电线电缆 result:不合格 type:batch")
    as_args = run(q="电线电缆", result="不合格", type="batch")
    assert in_box.total == as_args.total == 2
    assert [h.record_id for h in in_box.hits] == [h.record_id for h in as_args.hits]
    assert run(q="category:电线电缆 year:2025").total == run(category="0101", year=2025).total


def test_facets_count_and_narrow(corpus):
    page = run(q="监督抽查")
    counts = {facet.value: facet.count for facet in page.facets["type"]}
    assert counts["announcement"] == 2
    narrowed = run(q="监督抽查", type="announcement", year=2026)
    assert narrowed.total == 1
    year = {f.value: f for f in narrowed.facets["year"]}
    assert year["2026"].selected
    assert year["2026"].label == "2026年"


def test_pinyin_full_and_initials_find_the_category(corpus):
    for query in ("dianxian", "dxdl", "dianxiandianlan"):
        titles = [hit.title for hit in run(q=query).hits]
        assert "2025年电线电缆产品质量监督抽查结果公告" in titles, query


def test_snippet_marks_matches(corpus):
    hit = run(q="导体电阻", type="announcement").hits[0]
    assert "<mark>导体电阻</mark>" in str(hit.snippet)


def test_snippet_escapes_hostile_stored_text(hostile_announcement):
    hits = run(q="阻燃性能", type="announcement").hits
    hit = next(hit for hit in hits if hit.title == hostile_announcement.title)
    snippet = str(hit.snippet)
    assert "<mark>阻燃性能</mark>" in snippet
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in snippet
    assert "<script" not in snippet
    assert "<b>" not in snippet


def test_hits_carry_the_contract_fields(corpus):
    article = run(q="抽查为主要方式", type="article").hits[0]
    assert article.url == f"/regulations/{corpus['regulation'].id}#article-15"
    enterprise = run(q="丰益", type="enterprise").hits[0]
    assert enterprise.url == f"/enterprises/{corpus['maker'].credit_code}"
    batch = run(q="温升超标").hits[0]
    assert (batch.result, batch.enterprise_name, batch.category) == (
        "不合格",
        "上海丰益电缆有限公司",
        "电线电缆",
    )
    assert batch.date.year == 2025


def test_sort_by_date_and_default_without_words(corpus):
    newest = run(q="监督抽查", type="announcement", sort="-date").hits
    oldest = run(q="监督抽查", type="announcement", sort="date").hits
    assert [h.date for h in newest] == sorted((h.date for h in newest), reverse=True)
    assert [h.record_id for h in oldest] == [h.record_id for h in reversed(newest)]
    browse = run(type="announcement")
    assert browse.sort == "-date"
    assert browse.total == 2


def test_pagination(corpus):
    first = run(q="监督抽查", per_page=1)
    second = run(q="监督抽查", per_page=1, page=2)
    assert first.total == second.total
    assert first.pages >= 2
    assert first.has_next
    assert not first.has_prev
    assert second.has_prev
    assert not {h.url + h.title for h in first.hits} & {h.url + h.title for h in second.hits}


def test_index_follows_publish_correct_withdraw(corpus, create_announcement):
    from portal.extensions import db
    from tests.conftest import commit_content

    notice = create_announcement(title="2026年电动自行车产品质量监督抽查结果公告")
    assert run(q="电动自行车", type="announcement").total == 1
    notice.title = "2026年电动自行车头盔产品质量监督抽查结果公告（更正）"
    commit_content()
    assert run(q="更正").hits[0].record_id == notice.id
    notice.status = "withdrawn"
    commit_content()
    assert run(q="电动自行车").total == 0
    assert run(q="更正").total == 0
    db.session.delete(corpus["recall"])
    commit_content()
    assert run(q="吸顶灯").total == 0


def test_browse_facets_agree_with_filtered_totals(corpus):
    browse = run()
    assert browse.total == sum(facet.count for facet in browse.facets["type"])
    for facet in browse.facets["type"] + browse.facets["year"]:
        name = "type" if facet in browse.facets["type"] else "year"
        assert run(**{name: facet.value}).total == facet.count
    narrowed = run(type="announcement", year=2026)
    assert narrowed.total == 1
    assert [f.count for f in narrowed.facets["type"]] == [1]
    assert run(type="announcement", year=1999).total == 0


def test_browse_counts_follow_new_content(corpus, create_announcement):
    before = run(type="announcement").total
    create_announcement(title="2026年儿童自行车产品质量监督抽查结果公告")
    after = run(type="announcement")
    assert after.total == before + 1
    assert any(hit.title.startswith("2026年儿童自行车") for hit in after.hits)
