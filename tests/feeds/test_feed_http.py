"""Feed errors, conditional GET and invalidation, the /feeds/ page and autodiscovery links."""

import pytest

from portal.services.corrections import correct_record, withdraw_record
from tests.conftest import make_credit_code
from tests.feeds.conftest import parse


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/feeds/categories/9999.atom", 404, "没有代码或名称为“9999”的产品类别"),
        ("/feeds/enterprises/91330100799655058C.rss", 404, "校验位不正确"),
        ("/feeds/enterprises/91330100799655058B.atom", 404, "没有统一社会信用代码为"),
        ("/feeds/districts/火星区.atom", 404, "没有“火星区”的抽查记录"),
        ("/feeds/failed.atom?district=火星区", 404, "火星区"),
        ("/feeds/failed.atom?category=9999", 404, "9999"),
        ("/feeds/failed.rss?category=" + "x" * 70, 422, "category"),
        ("/feeds/all.json", 404, "未找到"),
        ("/feeds/nothing.atom", 404, "未找到"),
    ],
)
def test_bad_feed_arguments_are_clear_errors(client, url, status, message):
    response = client.get(url)
    assert response.status_code == status
    assert message in response.get_data(as_text=True)
    assert not response.mimetype.endswith("+xml")


def test_feed_answers_304_and_changes_when_content_is_corrected(client, create_announcement):
    announcement = create_announcement(title="原标题公告")
    url = "/feeds/announcements.atom"
    first = client.get(url)
    assert first.headers["ETag"]
    assert first.headers["Last-Modified"]
    assert "public" in first.headers["Cache-Control"]
    assert "max-age" in first.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    correct_record(announcement, {"title": "更正后的标题公告"}, "标题有误。")
    after = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert after.status_code == 200
    assert parse(after).entries[0].title == "更正后的标题公告"


def test_cached_feed_is_invalidated_by_a_withdrawal(client, create_announcement):
    announcement = create_announcement(title="将被撤回的公告")
    assert parse(client.get("/feeds/all.rss")).entries[0].title == "将被撤回的公告"
    withdraw_record(announcement, "数据有误。")
    assert parse(client.get("/feeds/all.rss")).entries[0].title == "【已撤回】将被撤回的公告"


def test_feed_index_lists_every_feed(client, create_announcement, create_category):
    category = create_category(code="0701", name="电动自行车", group_name="交通工具")
    create_announcement(category=category)
    body = client.get("/feeds/").get_data(as_text=True)
    for path in ["all", "announcements", "recalls", "regulations", "categories/0701"]:
        assert f'data-copy="http://localhost/feeds/{path}.atom"' in body
        assert f'href="/feeds/{path}.rss"' in body
    assert "http://localhost/feeds/failed.atom?category=0701" in body
    assert "/feeds/districts/%E6%B5%A6%E4%B8%9C%E6%96%B0%E5%8C%BA.atom" in body
    assert "怎样订阅" in body
    assert "交通工具" in body


def test_feed_index_filters_categories_and_districts(client, create_announcement, create_category):
    category = create_category(code="0701", name="电动自行车", group_name="交通工具")
    create_category(code="0801", name="儿童玩具", group_name="儿童用品")
    create_announcement(category=category)
    body = client.get("/feeds/?q=自行车").get_data(as_text=True)
    assert "「电动自行车」抽查公告与召回" in body
    assert "儿童玩具" not in body
    assert "没有名称含“自行车”的区" in body
    assert "「电动自行车」" not in client.get("/feeds/?q=玩具").get_data(as_text=True)


def test_feed_links_on_pages_resolve_to_feeds(client, create_announcement, create_enterprise):
    enterprise = create_enterprise(name="上海订阅测试有限公司")
    announcement = create_announcement(enterprise=enterprise)
    code, credit = announcement.category.code, enterprise.credit_code
    pages = {
        "/": "/feeds/all.atom",
        "/announcements/": "/feeds/announcements.atom",
        "/recalls/": "/feeds/recalls.atom",
        "/regulations/": "/feeds/regulations.atom",
        f"/categories/{code}": f"/feeds/categories/{code}.atom",
        f"/enterprises/{credit}": f"/feeds/enterprises/{credit}.atom",
    }
    for page, feed in pages.items():
        body = client.get(page).get_data(as_text=True)
        assert '<link rel="alternate" type="application/atom+xml"' in body, page
        assert f'href="{feed}"' in body, page
        assert f'href="{feed.replace(".atom", ".rss")}"' in body, page
        assert ">订阅" in body, page
        parse(client.get(feed))
    category_page = client.get(f"/categories/{code}").get_data(as_text=True)
    assert f"/feeds/failed.atom?category={code}" in category_page


def test_unknown_but_valid_enterprise_code_is_404(client):
    assert client.get(f"/feeds/enterprises/{make_credit_code(999_999)}.atom").status_code == 404


def test_filtered_announcement_list_offers_the_matching_feed(client, create_announcement):
    announcement = create_announcement(results=[("不合格", ["绝缘电阻"])])
    code = announcement.category.code
    body = client.get(f"/announcements/?result=不合格&category={code}").get_data(as_text=True)
    assert f"/feeds/failed.atom?category={code}" in body
    assert "符合当前筛选的不合格抽查结果" in body
    by_district = client.get("/announcements/?district=浦东新区").get_data(as_text=True)
    assert announcement.title in by_district
    assert "/feeds/districts/%E6%B5%A6%E4%B8%9C%E6%96%B0%E5%8C%BA.atom" in by_district
    assert announcement.title not in client.get("/announcements/?district=嘉定区").get_data(
        as_text=True
    )


BROWSER = {"Sec-Fetch-Dest": "document", "Sec-Fetch-Mode": "navigate", "Accept": "text/html"}


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_browser_gets_a_readable_page_and_readers_still_get_xml(client, create_announcement, fmt):
    create_announcement(title="浏览器里看到的公告", results=[("不合格", ["温升"])])
    url = f"/feeds/failed.{fmt}"
    reader_before = client.get(url, headers={"Accept": "text/html"})
    page = client.get(url, headers=BROWSER)
    assert page.mimetype == "text/html"
    body = page.get_data(as_text=True)
    assert "这是一个订阅源" in body
    assert f'value="http://localhost/feeds/failed.{fmt}"' in body
    assert "不合格项目：温升" in body
    assert "no-cache" in page.headers["Cache-Control"]
    assert "Sec-Fetch-Dest" in page.headers["Vary"]
    reader_after = client.get(url, headers={"Accept": "text/html"})
    assert reader_after.mimetype == f"application/{fmt}+xml"
    assert reader_after.data == reader_before.data
    assert "Sec-Fetch-Dest" in reader_after.headers["Vary"]
    assert client.get("/feeds/categories/none.atom", headers=BROWSER).status_code == 404
