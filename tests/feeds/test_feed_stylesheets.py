"""The browser view of a feed: the Chinese stylesheet for Chinese feeds, the English one for
feeds asked for with ?lang=en; both read the same parts of the feed."""

import re

import pytest
from lxml import etree

from portal.config import PROJECT_ROOT
from tests.english import CJK
from tests.feeds.test_feed_documents import site  # noqa: F401 (the small site fixture)

STYLESHEETS = PROJECT_ROOT / "static" / "feeds"
PI = re.compile(rb'<\?xml-stylesheet type="text/xsl" href="([^"]+)"\?>')


def transform(name: str, document: bytes) -> str:
    """A feed document rendered by one of the stylesheets, as HTML text."""
    stylesheet = etree.XSLT(etree.parse(str(STYLESHEETS / name)))
    return str(stylesheet(etree.fromstring(document)))


def without_entries(html: str) -> str:
    """The page around the entry list (the entries' summaries are published text)."""
    return re.sub(r'<ul class="card-list">.*</ul>', "", html, flags=re.S)


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_each_language_links_its_own_stylesheet(client, site, fmt):  # noqa: F811
    chinese = PI.search(client.get(f"/feeds/all.{fmt}").data).group(1).decode()
    english = PI.search(client.get(f"/feeds/all.{fmt}?lang=en").data).group(1).decode()
    assert re.fullmatch(r"/static/feeds/feed\.[0-9a-f]{12}\.xsl", chinese)
    assert re.fullmatch(r"/static/feeds/feed\.en\.[0-9a-f]{12}\.xsl", english)
    with client.get(english) as served:
        assert served.status_code == 200
        assert b'<html lang="en">' in served.data


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_the_english_stylesheet_says_its_words_in_english(client, site, fmt):  # noqa: F811
    html = transform("feed.en.xsl", client.get(f"/feeds/all.{fmt}?lang=en").data)
    assert '<html lang="en">' in html
    assert "This is a feed" in html
    assert "How to subscribe" in html
    assert "Everything published (feed)" in html
    assert not CJK.search(without_entries(html))
    titles = re.findall(r"<h3([^>]*)>\s*<a [^>]*>([^<]*)</a>", html)
    assert titles
    assert all(attributes.strip() == 'lang="zh-Hans"' for attributes, _title in titles)
    assert "上海飞驰车业召回电动自行车" in html


def test_both_stylesheets_read_the_same_parts_of_a_feed(client, site):  # noqa: F811
    for fmt in ("atom", "rss"):
        document = client.get(f"/feeds/all.{fmt}?lang=en").data
        chinese, english = transform("feed.xsl", document), transform("feed.en.xsl", document)
        links = re.compile(r'href="([^"]+)"')
        assert links.findall(chinese) == links.findall(english)
        assert chinese.count('<li class="card">') == english.count('<li class="card">') > 0
        assert chinese.count("<code>") == english.count("<code>")


def test_only_chinese_labels_are_marked_chinese():
    feed = """<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title>Search results</title>
      <entry><title>电线电缆抽查公告</title><link rel="alternate" href="http://localhost/a/1"/>
        <published>2026-06-01T00:00:00+08:00</published><updated>2026-06-01T00:00:00+08:00</updated>
        <category term="announcement" label="Spot-check announcement"/>
        <category term="0101" label="电线电缆"/><summary>Passed</summary></entry></feed>"""
    html = transform("feed.en.xsl", feed.encode())
    assert "<span>Spot-check announcement</span>" in html
    assert '<span lang="zh-Hans">电线电缆</span>' in html
