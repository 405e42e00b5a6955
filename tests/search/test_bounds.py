"""What one anonymous query may ask: bounded clauses, a cache key from the parsed query."""

from urllib.parse import quote

import pytest

from portal.search import registry, search

SIX_EXCLUSIONS = "合格 -抽查 -产品 -公告 -上海 -电器 -照明"
ELEVEN_WORDS = " ".join(
    ["电线", "电缆", "灯具", "导体", "电阻", "温升", "绝缘", "厚度", "上海", "公告", "召回"]
)


@pytest.mark.parametrize(
    "url",
    [
        "/search?q={}",
        "/api/v1/search?q={}",
        "/feeds/search.atom?q={}",
    ],
)
@pytest.mark.parametrize("query", [SIX_EXCLUSIONS, ELEVEN_WORDS])
def test_too_many_clauses_are_refused_with_a_clear_message(client, corpus, url, query):
    response = client.get(url.format(quote(query)))
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "最多" in text


def test_five_exclusions_are_allowed(client, corpus):
    response = client.get("/search?q=" + quote("合格 -抽查 -产品 -公告 -上海 -电器"))
    assert response.status_code == 200


def test_punctuation_around_the_same_words_hits_the_cached_result(app, corpus, monkeypatch):
    backend = registry.backend()
    calls = []
    original = backend.search
    monkeypatch.setattr(backend, "search", lambda request: calls.append(1) or original(request))
    first = search({"q": "电线电缆"})
    second = search({"q": "电线电缆！！！"})
    assert len(calls) == 1
    assert second.total == first.total
