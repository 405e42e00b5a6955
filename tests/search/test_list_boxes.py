"""Each list page's keyword box searches within that list."""

import pytest


@pytest.mark.parametrize(
    ("path", "doc_type"),
    [("/announcements/", "announcement"), ("/recalls/", "recall"), ("/regulations/", "article")],
)
def test_list_box_searches_within_the_list(client, corpus, path, doc_type):
    html = client.get(path).get_data(as_text=True)
    assert 'id="filter-q"' in html
    response = client.get(path, query_string={"q": "产品质量", "year": "2026"})
    assert response.status_code == 302
    assert f"type={doc_type}" in response.location
    assert "year=2026" in response.location
    page = client.get(response.location).get_data(as_text=True)
    assert "共找到" in page


def test_announcement_box_finds_only_announcements(client, corpus):
    response = client.get("/announcements/", query_string={"q": "电线电缆"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "2025年电线电缆产品质量监督抽查结果公告" in html
    assert "抽查批次</span>" not in html
