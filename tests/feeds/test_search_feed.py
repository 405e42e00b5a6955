"""The search feed lists exactly what the search page lists, from the same search() call."""

import re

import pytest

from tests.feeds.conftest import parse

HIT_LINK = re.compile(r'<li class="hit">\s*<h3><a href="([^"]+)">([^<]*)</a>')


def page_hits(client, query: str) -> list[tuple[str, str]]:
    """(link, title) of every hit the search page lists, in order."""
    response = client.get(f"/search?{query}&per_page=50")
    assert response.status_code == 200
    return HIT_LINK.findall(response.get_data(as_text=True))


@pytest.mark.parametrize(
    "query",
    [
        "q=电线电缆&sort=-date",
        "q=抽查&sort=-date",
        "q=LED&sort=relevance",
        "q=不合格&type=batch&sort=-date",
        "category=0105&sort=-date",
        "q=不存在的东西&sort=-date",
    ],
)
@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_search_feed_lists_exactly_what_the_search_page_lists(client, corpus, query, fmt):
    expected = page_hits(client, query)
    parsed = parse(client.get(f"/feeds/search.{fmt}?{query}"))
    listed = [
        (entry.link.removeprefix("http://localhost"), entry.title) for entry in parsed.entries
    ]
    assert listed == [(link.replace("&amp;", "&"), title) for link, title in expected]
    assert all(entry.link.startswith("http://localhost/") for entry in parsed.entries)
    assert all(entry.id.startswith("tag:localhost,2026:") for entry in parsed.entries)


def test_search_feed_is_newest_first_by_default_and_titled_by_the_query(client, corpus):
    parsed = parse(client.get("/feeds/search.atom?q=抽查&category=0101"))
    assert parsed.feed.title == "「抽查」搜索结果（电线电缆）"
    assert [e.link for e in parsed.entries] == [
        "http://localhost" + link
        for link, _ in page_hits(client, "q=抽查&category=0101&sort=-date")
    ]
    dates = [entry.published for entry in parsed.entries]
    assert dates == sorted(dates, reverse=True)
    assert all(date.endswith("+08:00") for date in dates)


def test_search_feed_answers_304(client, corpus):
    first = client.get("/feeds/search.rss?q=电线电缆")
    again = client.get(
        "/feeds/search.rss?q=电线电缆", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304


@pytest.mark.parametrize(
    ("query", "status"),
    [("per_page=51", 422), ("type=foo", 422), ("q=" + "长" * 201, 422), ("category=9999", 404)],
)
def test_bad_search_feed_arguments_are_errors(client, corpus, query, status):
    assert client.get(f"/feeds/search.atom?{query}").status_code == status


def test_search_page_offers_its_feed(client, corpus):
    html = client.get("/search?q=电线电缆").get_data(as_text=True)
    assert 'type="application/atom+xml"' in html
    assert "/feeds/search.atom?q=" in html
