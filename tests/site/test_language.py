"""The language switch: sets the `lang` cookie and returns to the same page with its query."""

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest


def test_switching_keeps_the_page_and_its_query(client):
    response = client.get("/language/en?next=/announcements/?year%3D2026%26result%3D不合格")
    assert response.status_code == 303
    assert (
        response.headers["Location"]
        == "/announcements/?year=2026&result=%E4%B8%8D%E5%90%88%E6%A0%BC"
    )
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith("lang=en;")
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie
    assert "Max-Age=31536000" in cookie
    assert response.headers["Cache-Control"] == "no-store"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert '<html lang="en">' in page


def test_switching_back_to_chinese(client):
    client.set_cookie("lang", "en")
    response = client.get("/language/zh?next=/stats/")
    assert response.headers["Location"] == "/stats/"
    assert response.headers["Set-Cookie"].startswith("lang=zh;")
    assert '<html lang="zh-Hans">' in client.get("/stats/").get_data(as_text=True)


@pytest.mark.parametrize(
    "target",
    ["", "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"],
)
def test_switching_never_leaves_the_site(client, target):
    response = client.get("/language/en", query_string={"next": target} if target else {})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_an_unknown_language_is_a_404(client):
    response = client.get("/language/fr?next=/")
    assert response.status_code == 404
    assert "Set-Cookie" not in response.headers


def _switch_link(page: str) -> str:
    """The header's language link of a rendered page."""
    return html.unescape(re.search(r'class="language-switch" href="([^"]+)"', page).group(1))


def test_the_header_link_returns_to_the_current_page(client):
    page = client.get("/recalls/?kind=汽车").get_data(as_text=True)
    switch = client.get(_switch_link(page))
    assert switch.status_code == 303
    target = urlsplit(switch.headers["Location"])
    assert target.path == "/recalls/"
    assert parse_qs(target.query) == {"kind": ["汽车"]}
    page = client.get("/recalls/?kind=汽车").get_data(as_text=True)
    assert '<html lang="en">' in page
    assert _switch_link(page).startswith("/language/zh?next=/recalls/")


def test_pages_in_the_two_languages_are_cached_apart(client):
    chinese = client.get("/privacy")
    client.set_cookie("lang", "en")
    english = client.get("/privacy")
    assert chinese.headers["ETag"] != english.headers["ETag"]
    assert '<html lang="en">' in english.get_data(as_text=True)
    assert english.headers["Vary"] == "Cookie, Accept-Encoding"
    # The Chinese page's validator does not revalidate the English one.
    again = client.get("/privacy", headers={"If-None-Match": chinese.headers["ETag"]})
    assert again.status_code == 200
    assert '<html lang="en">' in again.get_data(as_text=True)
    client.delete_cookie("lang")
    assert '<html lang="zh-Hans">' in client.get("/privacy").get_data(as_text=True)


def test_feed_links_on_english_pages_ask_for_english_feeds(client):
    client.set_cookie("lang", "en")
    page = client.get("/recalls/").get_data(as_text=True)
    assert "/feeds/recalls.atom?lang=en" in page
    client.delete_cookie("lang")
    feed = client.get("/feeds/recalls.atom?lang=en", headers={"Accept": "application/atom+xml"})
    body = feed.get_data(as_text=True)
    assert "<title>Defective product recalls</title>" in body
    assert "<title>缺陷产品召回</title>" in client.get(
        "/feeds/recalls.atom", headers={"Accept": "application/atom+xml"}
    ).get_data(as_text=True)
