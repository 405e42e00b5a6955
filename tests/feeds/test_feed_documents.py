"""Every feed is a valid Atom or RSS 2.0 document with the right headers and a stylesheet."""

import re
from datetime import date

import pytest
from lxml import etree

from portal.config import PROJECT_ROOT
from tests.feeds.conftest import parse

FAIL = ("不合格", ["电气强度"])
PASS = ("合格", [])


@pytest.fixture
def site(create_announcement, create_category, create_enterprise, create_recall, create_regulation):
    """A small site: one category, one enterprise with a failed batch, a recall, a regulation."""
    category = create_category(code="0701", name="电动自行车", group_name="交通工具")
    enterprise = create_enterprise(name="上海飞驰车业有限公司", district="嘉定区")
    create_announcement(results=[FAIL, PASS], category=category, enterprise=enterprise)
    create_recall(category=category, enterprise=enterprise, title="上海飞驰车业召回电动自行车")
    create_regulation()
    return {"category": category, "enterprise": enterprise}


def feed_paths(site) -> list[str]:
    """Every kind of feed address on the small site (without the format)."""
    code, credit = site["category"].code, site["enterprise"].credit_code
    return [
        "all",
        "announcements",
        "recalls",
        "regulations",
        f"categories/{code}",
        f"enterprises/{credit}",
        "districts/嘉定区",
        "failed",
        f"failed.{{fmt}}?category={code}&district=嘉定区",
    ]


def feed_url(path: str, fmt: str) -> str:
    """The address of a feed path in a format."""
    return f"/feeds/{path.format(fmt=fmt)}" if "{fmt}" in path else f"/feeds/{path}.{fmt}"


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_every_feed_is_valid_and_not_empty(client, site, fmt):
    for path in feed_paths(site):
        response = client.get(feed_url(path, fmt), headers={"Origin": "https://example.org"})
        parsed = parse(response)
        assert parsed.version == ("atom10" if fmt == "atom" else "rss20"), path
        assert parsed.entries, path
        assert response.mimetype == f"application/{fmt}+xml"
        assert response.mimetype_params["charset"] == "utf-8"
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        stylesheet = re.search(
            rb'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>', response.data
        )
        assert re.fullmatch(rb"/static/feeds/feed\.[0-9a-f]{12}\.xsl", stylesheet.group(1))


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_feed_has_title_self_link_and_page_link(client, site, fmt):
    parsed = parse(client.get(f"/feeds/failed.{fmt}?category=0701"))
    assert parsed.feed.title == "「电动自行车」不合格抽查结果"
    links = {link.get("rel"): link.href for link in parsed.feed.links}
    assert links["self"] == f"http://localhost/feeds/failed.{fmt}?category=0701"
    assert parsed.feed.link.startswith("http://localhost/announcements/?")
    assert parsed.feed.get("subtitle")


def test_stylesheet_renders_both_formats_as_a_readable_page(client, site):
    transform = etree.XSLT(etree.parse(str(PROJECT_ROOT / "static" / "feeds" / "feed.xsl")))
    for fmt in ("atom", "rss"):
        document = etree.fromstring(client.get(f"/feeds/all.{fmt}").data)
        html = str(transform(document))
        assert "这是一个订阅源" in html
        assert "全部公开信息" in html
        assert "上海飞驰车业召回电动自行车" in html
        assert f"http://localhost/feeds/all.{fmt}" in html
    with client.get("/static/feeds/feed.xsl") as stylesheet:
        assert stylesheet.status_code == 200


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_titles_with_markup_ampersands_and_control_characters_stay_valid(
    client, create_announcement, fmt
):
    title = "<b>电热水壶</b> & 插座 \x01\x0b\x1f抽查 \x7f"
    create_announcement(title=title, summary="A&B <script>alert(1)</script>\x02")
    response = client.get(f"/feeds/announcements.{fmt}")
    parsed = parse(response)
    assert parsed.entries[0].title == "<b>电热水壶</b> & 插座 抽查 \x7f"
    assert "<script>" not in response.get_data(as_text=True)
    assert "&lt;b&gt;" in response.get_data(as_text=True)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_empty_site_gives_valid_empty_feeds(client, fmt):
    parsed = parse(client.get(f"/feeds/all.{fmt}"))
    assert parsed.entries == []


def test_dates_carry_the_shanghai_offset(client, create_announcement):
    create_announcement(issued_on=date(2026, 6, 1))
    text = client.get("/feeds/all.atom").get_data(as_text=True)
    assert "<published>2026-06-01T00:00:00+08:00</published>" in text
    rss = client.get("/feeds/all.rss").get_data(as_text=True)
    assert "<pubDate>Mon, 01 Jun 2026 00:00:00 +0800</pubDate>" in rss
