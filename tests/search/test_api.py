"""/api/v1/search returns exactly what the search page lists, with facets."""

import re

import pytest


def page_links(html: str) -> list[str]:
    """The hit links of a search page, in order."""
    return re.findall(r'<h3><a href="([^"]+)"', html)


@pytest.mark.parametrize(
    "query", ["q=电线电缆", "q=導體電阻", "q=dxdl", "q=电缆&type=batch", "q=产品质量&sort=-date"]
)
def test_api_search_matches_the_search_page(client, corpus, query):
    body = client.get(f"/api/v1/search?{query}").get_json()
    html = client.get(f"/search?{query}").get_data(as_text=True)
    assert [hit["url"] for hit in body["items"]] == page_links(html)
    assert body["meta"]["total"] == len(body["items"])
    assert body["items"], query


def test_api_search_has_snippets_facets_and_envelope(client, corpus):
    response = client.get("/api/v1/search?q=导体电阻&per_page=1")
    body = response.get_json()
    hit = body["items"][0]
    assert "<mark>导体电阻</mark>" in hit["snippet_html"]
    assert "<mark>" not in hit["snippet"]
    assert body["facets"]["type"]
    assert {"value", "label", "count", "selected"} <= set(body["facets"]["type"][0])
    assert body["meta"]["per_page"] == 1
    assert body["links"]["self"].startswith("/api/v1/search?")
    assert "RateLimit-Limit" in response.headers


@pytest.mark.parametrize("query", ["foo=1", "per_page=51", "type=thing"])
def test_api_search_rejects_bad_arguments(client, corpus, query):
    response = client.get(f"/api/v1/search?{query}")
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["errors"]
