"""Footer pages and the files crawlers and browsers ask for at fixed addresses."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.english import CJK

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def text_of(response) -> str:
    """The decoded body of a response."""
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/privacy", "只用于工作人员与您联系，从不公开"),
        ("/accessibility", "320 像素"),
        ("/contact", 'href="tel:12315"'),
    ],
)
def test_footer_pages_are_real_pages(client, path, words):
    response = client.get(path)
    assert response.status_code == 200
    assert words in text_of(response)


def test_every_page_links_the_footer_destinations(client):
    body = text_of(client.get("/privacy"))
    for href in ["/api/docs", "/downloads/", "/feeds/", "/privacy", "/accessibility"]:
        assert f'href="{href}"' in body
    assert 'href="/contact"' in body
    assert "主办：上海市市场监督管理局" in body
    assert "市市场监督管理局（质量发展局）" not in body
    assert client.get("/api/docs").status_code == 200


def test_robots_favicon_and_manifest(client):
    robots = client.get("/robots.txt")
    assert robots.mimetype == "text/plain"
    assert "Sitemap: http://localhost/sitemap.xml" in text_of(robots)
    assert "Disallow: /search" in text_of(robots)
    with client.get("/favicon.ico") as icon:
        assert icon.status_code == 200
        assert icon.data[:4] == b"\x00\x00\x01\x00"
    manifest = client.get("/manifest.webmanifest").get_json(force=True)
    assert manifest["name"] == "质量信息公开平台"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for entry in manifest["icons"]:
        with client.get(entry["src"]) as image:
            assert image.status_code == 200


def test_english_pages_link_the_english_manifest(client):
    assert 'rel="manifest" href="/manifest.webmanifest"' in text_of(client.get("/privacy"))
    client.set_cookie("lang", "en")
    assert 'rel="manifest" href="/manifest.en.webmanifest"' in text_of(client.get("/privacy"))
    english = client.get("/manifest.en.webmanifest")
    assert english.mimetype == "application/manifest+json"
    manifest = english.get_json(force=True)
    assert manifest["name"] == "Product Quality Information Portal"
    assert manifest["short_name"] == "Quality info"
    assert manifest["lang"] == "en"
    assert "Shanghai Municipal Administration for Market Regulation" in manifest["description"]
    assert not CJK.search(json.dumps(manifest, ensure_ascii=False))
    # The Chinese manifest stays Chinese whatever the reader's cookie says.
    chinese = client.get("/manifest.webmanifest").get_json(force=True)
    assert chinese["name"] == "质量信息公开平台"
    assert chinese["short_name"] == "质量信息"
    assert chinese["lang"] == "zh-CN"
    assert chinese["description"].startswith("上海市市场监督管理局发布的")
    assert chinese["icons"] == manifest["icons"]


def test_sitemap_lists_every_public_record(
    client, create_announcement, create_recall, create_category
):
    shown = create_announcement()
    draft = create_announcement(status="draft")
    recall = create_recall()
    # A forged Host header changes nothing: the cached sitemap holds SITE_URL addresses only.
    forged = {"Host": "evil.example"}
    index = ET.fromstring(client.get("/sitemap.xml", headers=forged).data)  # noqa: S314
    files = [loc.text for loc in index.findall("s:sitemap/s:loc", SITEMAP_NS)]
    assert "http://localhost/sitemaps/announcements-1.xml" in files
    urls = set()
    for address in files:
        response = client.get(address.removeprefix("http://localhost"))
        sitemap = ET.fromstring(response.data)  # noqa: S314 (our own output)
        urls |= {loc.text for loc in sitemap.findall("s:url/s:loc", SITEMAP_NS)}
    assert f"http://localhost/announcements/{shown.id}" in urls
    assert f"http://localhost/announcements/{draft.id}" not in urls
    assert f"http://localhost/recalls/{recall.id}" in urls
    assert f"http://localhost/categories/{shown.category.code}" in urls
    assert client.get("/sitemaps/announcements-2.xml").status_code == 404
    assert client.get("/sitemaps/nothing-1.xml").status_code == 404


def test_sitemap_splits_past_the_limit(app, create_category):
    from portal.queries.sitemap import section_entries, section_page_counts

    for number in range(5):
        create_category(code=f"07{number:02d}", name=f"品类{number}")
    assert ("categories", 3) in section_page_counts(per_file=2)
    assert [code for code, _ in section_entries("categories", 3, per_file=2)] == ["0704"]


def test_sitemap_and_robots_never_take_the_host_header(client):
    forged = {"Host": "evil.example"}
    assert "evil.example" not in text_of(client.get("/robots.txt", headers=forged))
    assert "evil.example" not in text_of(client.get("/sitemap.xml", headers=forged))
