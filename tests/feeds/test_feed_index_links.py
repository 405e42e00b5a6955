"""The feeds index builds its links from one url_for per kind: each must be url_for's own."""

import re

import pytest
from flask import url_for

from portal.feeds.index_links import IndexLinks

# Values werkzeug quotes differently in a path and in a query (space, +, &, =, /, %, ?, #).
AWKWARD = ["0701", "浦东新区", "a b", "a+b&c=d", "x/y", "100%", "q?r#s", "~é'()*,;:@!$"]


def expected(endpoint: str, feed: str, **values) -> tuple[str, str, str]:
    """url_for's Atom, RSS and e-mail alert links of a feed."""
    return (
        url_for(endpoint, fmt="atom", **values),
        url_for(endpoint, fmt="rss", **values),
        url_for("alerts.subscribe", feed=feed, **values),
    )


@pytest.mark.parametrize("cookie", ["", "lang=en"])
@pytest.mark.parametrize("value", AWKWARD)
def test_index_links_are_those_of_url_for(app, cookie, value):
    with app.test_request_context("/feeds/", headers={"Cookie": cookie}):
        links = IndexLinks()
        assert links.category(value) == expected("feeds.category_feed", "category", code=value)
        assert links.failed_category(value) == expected(
            "feeds.failed_feed", "failed", category=value
        )
        assert links.district(value) == expected("feeds.district_feed", "district", district=value)
        assert links.failed_district(value) == expected(
            "feeds.failed_feed", "failed", district=value
        )
        assert ("lang=en" in links.district(value).atom) == bool(cookie)


@pytest.mark.parametrize("cookie", ["", "lang=en"])
def test_index_page_links_every_feed_as_url_for_does(
    app, client, create_announcement, create_category, create_enterprise, cookie
):
    category = create_category(code="07 01", name="电动自行车", group_name="交通工具")
    create_announcement(category=category, enterprise=create_enterprise(district="浦东 新区"))
    body = client.get("/feeds/", headers={"Cookie": cookie}).get_data(as_text=True)
    hrefs = re.findall(r'href="([^"]*/(?:feeds|alerts)/[^"]*)"', body.replace("&amp;", "&"))
    with app.test_request_context("/feeds/", headers={"Cookie": cookie}):
        wanted = [
            *expected("feeds.all_feed", "all"),
            *expected("feeds.type_feed", "type", kind="recalls"),
            *expected("feeds.category_feed", "category", code="07 01"),
            *expected("feeds.failed_feed", "failed", category="07 01"),
            *expected("feeds.district_feed", "district", district="浦东 新区"),
            *expected("feeds.failed_feed", "failed", district="浦东 新区"),
        ]
    assert not set(wanted) - set(hrefs)
