"""The /search page, the header box and bad input."""

import pytest


def test_search_page_shows_hits_facets_and_count(client, corpus):
    response = client.get("/search?q=电线电缆")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'role="status"' in html
    assert "共找到 <strong>" in html
    assert "<mark>电线电缆</mark>" in html
    assert "type=batch" in html  # a facet link that narrows the results
    assert 'for="search-q"' in html


def test_facets_and_hits_carry_their_chinese_names(client, corpus):
    html = client.get("/search?q=电线电缆").get_data(as_text=True)
    assert '<nav class="facet" aria-label="内容类型">' in html
    assert "<h2>产品类别</h2>" in html
    assert "<h2>所在区</h2>" in html
    assert '<span class="badge">抽查批次</span>' in html
    assert '<span class="badge">抽查公告</span>' in html


def test_hostile_stored_text_is_escaped_on_the_page(client, hostile_announcement):
    html = client.get("/search?q=阻燃性能&type=announcement").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=" in html
    assert "<script>alert" not in html
    assert "<img src=x" not in html


def test_selected_facet_can_be_removed(client, corpus):
    html = client.get("/search?q=电线电缆&type=batch").get_data(as_text=True)
    assert "取消条件 抽查批次" in html


def test_empty_state_suggests_what_to_do(client, corpus):
    html = client.get("/search?q=不存在的东西").get_data(as_text=True)
    assert "没有找到相关结果" in html
    assert "示例搜索" in html


def test_header_has_a_search_box(client, corpus):
    html = client.get("/").get_data(as_text=True)
    assert 'action="/search"' in html
    assert 'id="header-q"' in html


@pytest.mark.parametrize(
    "query", ["per_page=0", "per_page=51", "type=foo", "result=maybe", "page=0", "q=" + "长" * 201]
)
def test_bad_arguments_get_422(client, corpus, query):
    assert client.get(f"/search?{query}").status_code == 422


@pytest.mark.parametrize(
    "q", ['"', "-", "type:", ":", '-""', "category:不存在", "year:abc", "%", "\\", "*?"]
)
def test_odd_queries_never_fail(client, corpus, q):
    assert client.get("/search", query_string={"q": q}).status_code == 200


def test_search_without_any_index_is_empty_not_an_error(client):
    assert client.get("/search?q=电线").status_code == 200
