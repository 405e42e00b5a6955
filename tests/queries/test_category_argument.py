"""One category rule: a code or a name works everywhere; an unknown one is a 404 everywhere."""

from urllib.parse import quote

import feedparser
import pytest

ENDPOINTS = [
    "/announcements/",
    "/search",
    "/feeds/search.atom",
    "/feeds/failed.atom",
    "/api/v1/batches",
    "/api/v1/search",
    "/api/v1/announcements",
    "/api/v1/recalls",
    "/api/v1/stats?by=category",
    "/stats/",
]


@pytest.fixture
def cables(create_category, create_announcement, create_recall):
    """A failed batch and a recall of cables, and the same of lamps."""
    cable_category = create_category(code="0101", name="电线电缆")
    lamp_category = create_category(code="0105", name="灯具")
    create_announcement(results=(("不合格", ["导体电阻"]),), category=cable_category)
    create_announcement(results=(("不合格", ["光通量"]),), category=lamp_category)
    create_recall(title="召回部分电线电缆", category=cable_category)
    create_recall(title="召回部分灯具样品", category=lamp_category)
    return cable_category


def with_category(path: str, value: str) -> str:
    """The path with ?category= (or &category=) added."""
    return f"{path}{'&' if '?' in path else '?'}category={quote(value)}"


def lamp_records_shown(response) -> bool:
    """True when the answer shows the lamp announcement or its batch."""
    text = response.get_data(as_text=True)
    return "灯具产品质量监督" in text or "灯具样品" in text


@pytest.mark.parametrize("path", ENDPOINTS)
@pytest.mark.parametrize("value", ["0101", "电线电缆"])
def test_a_category_is_a_code_or_a_name(client, cables, path, value):
    everything = client.get(path)
    response = client.get(with_category(path, value))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert "电线电缆" in response.get_data(as_text=True)
    assert not lamp_records_shown(response)
    if path not in ("/api/v1/stats?by=category", "/stats/"):
        assert lamp_records_shown(everything)


@pytest.mark.parametrize("path", ENDPOINTS)
def test_an_unknown_category_is_a_404_everywhere(client, cables, path):
    response = client.get(with_category(path, "不存在的品类"))
    assert response.status_code == 404
    if path.startswith("/api/"):
        assert response.mimetype == "application/problem+json"
        assert "不存在的品类" in response.get_json()["detail"]
    else:
        assert "不存在的品类" in response.get_data(as_text=True)


def test_the_filter_keeps_only_that_category(client, cables):
    body = client.get("/api/v1/batches", query_string={"category": "电线电缆"}).get_json()
    assert [item["category"]["name"] for item in body["items"]] == ["电线电缆"]
    feed = feedparser.parse(client.get("/feeds/failed.atom?category=电线电缆").data)
    assert feed.feed.title.startswith("「电线电缆」")
    assert len(feed.entries) == 1


@pytest.mark.parametrize("path", ENDPOINTS)
def test_a_control_character_is_refused_with_a_message(client, cables, path):
    response = client.get(with_category(path, "电线\x00电缆"))
    assert response.status_code == 400  # refused before any view (portal/security.py)
    assert "控制字符" in response.get_data(as_text=True)
