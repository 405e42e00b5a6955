"""English feeds mark the published Chinese they carry: in Atom every Chinese text lies inside an
element with xml:lang="zh-Hans", and the English stylesheet turns that into lang="zh-Hans"."""

import re

from lxml import etree

from tests.english import CJK, chinese_leaks
from tests.feeds.conftest import parse
from tests.feeds.test_feed_documents import feed_paths, feed_url, site  # noqa: F401 (fixture)
from tests.feeds.test_feed_stylesheets import transform

ATOM = {"atom": "http://www.w3.org/2005/Atom", "x": "http://www.w3.org/1999/xhtml"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def language_of(element) -> str:
    """The xml:lang in force on an element."""
    return (element.xpath("ancestor-or-self::*[@xml:lang][1]/@xml:lang") or [""])[0]


def unmarked_chinese(root) -> list[str]:
    """Texts and category labels holding Chinese where the language in force is not zh-Hans."""
    found = []
    for element in root.iter(etree.Element):
        pieces = [element.text, element.get("label"), *(child.tail for child in element)]
        chinese = [piece for piece in pieces if piece and CJK.search(piece)]
        if chinese and language_of(element) != "zh-Hans":
            found += [f"{etree.QName(element).localname}: {piece}" for piece in chinese]
    return found


def test_english_atom_feeds_mark_every_chinese_text(client, site):  # noqa: F811
    for path in feed_paths(site):
        url = feed_url(path, "atom")
        response = client.get(url + ("&" if "?" in url else "?") + "lang=en")
        assert parse(response).bozo == 0, url
        root = etree.fromstring(response.data)
        assert root.get(XML_LANG) == "en"
        assert root.xpath("atom:entry", namespaces=ATOM), url
        assert unmarked_chinese(root) == [], url


def test_chinese_titles_are_marked_whole_and_mixed_summaries_by_runs(client, site):  # noqa: F811
    root = etree.fromstring(client.get("/feeds/recalls.atom?lang=en").data)
    (entry,) = root.xpath("atom:entry", namespaces=ATOM)
    title = entry.find("atom:title", ATOM)
    assert (title.text, title.get(XML_LANG)) == ("上海飞驰车业召回电动自行车", "zh-Hans")
    summary = entry.find("atom:summary", ATOM)
    assert summary.get("type") == "xhtml"
    assert summary.get(XML_LANG) is None
    (div,) = summary
    spans = div.xpath("x:span", namespaces=ATOM)
    assert "上海飞驰车业有限公司" in [span.text for span in spans]
    assert all(span.get(XML_LANG) == "zh-Hans" for span in spans)
    assert div.xpath("x:br", namespaces=ATOM)
    category = entry.find("atom:category", ATOM)
    assert (category.get("label"), category.get(XML_LANG)) == ("电动自行车", "zh-Hans")
    reader = parse(client.get("/feeds/recalls.atom?lang=en")).entries[0]
    assert '<span xml:lang="zh-Hans">上海飞驰车业有限公司</span>' in reader.summary


def test_chinese_feeds_are_left_as_they_were(client, site):  # noqa: F811
    chinese = client.get("/feeds/recalls.atom").data
    assert b'xml:lang="zh-Hans"' not in chinese
    assert b'type="xhtml"' not in chinese
    assert b"content:encoded" not in client.get("/feeds/recalls.rss").data


def test_english_rss_items_carry_a_marked_html_copy_of_their_description(client, site):  # noqa: F811
    response = client.get("/feeds/recalls.rss?lang=en")
    assert b"<language>en</language>" in response.data
    assert b"xml:lang" not in response.data
    (item,) = etree.fromstring(response.data).iter("item")
    description = item.find("description").text
    assert "\n" in description  # the plain text stays as it was
    (entry,) = parse(response).entries
    html = entry.content[0].value
    assert '<span lang="zh-Hans">上海飞驰车业有限公司</span>' in html
    assert html.count("<br") == description.count("\n")  # feedparser writes <br />
    assert chinese_leaks(html) == []


def test_the_english_stylesheet_shows_the_marks_as_html_lang(client, site):  # noqa: F811
    for path in ("all", f"enterprises/{site['enterprise'].credit_code}", "failed"):
        html = transform("feed.en.xsl", client.get(f"/feeds/{path}.atom?lang=en").data)
        assert '<span lang="zh-Hans">上海飞驰车业有限公司</span>' in html, path
        assert chinese_leaks(html) == [], path


def test_the_english_feed_page_marks_each_chinese_run_not_whole_lines(client, site):  # noqa: F811
    browser = {"Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Accept": "text/html"}
    for fmt in ("atom", "rss"):
        page = client.get(f"/feeds/recalls.{fmt}?lang=en", headers=browser)
        html = page.get_data(as_text=True)
        assert page.mimetype == "text/html"
        assert '<span lang="zh-Hans">上海飞驰车业有限公司</span>' in html
        assert not re.search(r'<span lang="zh-Hans">[^<]*[A-Za-z]{3}', html), fmt
        assert chinese_leaks(html) == [], fmt
