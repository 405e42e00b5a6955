"""Public pages answer with the right content."""

from datetime import date

import pytest

from portal.data import REGULATIONS_DIR
from portal.services.regulations import import_regulation_files

FAIL = ("不合格", ["导体电阻", "绝缘厚度"])
PASS = ("合格", [])


def text_of(response) -> str:
    """The decoded body of a response."""
    return response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/", "/announcements/", "/recalls/", "/regulations/", "/categories/", "/healthz"]
)
def test_pages_answer_on_an_empty_site(client, url):
    assert client.get(url).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/announcements/999",
        "/recalls/999",
        "/regulations/999",
        "/categories/nope",
        "/enterprises/91330100799655058B",
        "/no-such-page",
    ],
)
def test_unknown_records_give_404_in_the_site_layout(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "返回首页" in text_of(response)


def test_invalid_credit_code_in_url_explains_why(client):
    response = client.get("/enterprises/91330100799655058C")
    assert response.status_code == 404
    assert "校验位不正确" in text_of(response)


def test_invalid_filter_is_a_clear_error(client):
    response = client.get("/announcements/?year=abc&scope=太空")
    assert response.status_code == 422
    body = text_of(response)
    assert "year" in body
    assert "scope" in body


def test_announcement_detail_lists_batches_and_failed_only(client, create_announcement):
    announcement = create_announcement(results=[PASS, FAIL, PASS], title="电线电缆抽查公告")
    body = text_of(client.get(f"/announcements/{announcement.id}"))
    assert "电线电缆抽查公告" in body
    assert body.count('data-label="结果"') == 3
    assert "导体电阻、绝缘厚度" in body
    assert f"/enterprises/{announcement.batches[0].enterprise.credit_code}" in body
    failed = text_of(client.get(f"/announcements/{announcement.id}?result=不合格"))
    assert failed.count('data-label="结果"') == 1
    assert "66.7%" in body


def test_draft_announcement_is_not_public(client, create_announcement):
    draft = create_announcement(status="draft")
    assert client.get(f"/announcements/{draft.id}").status_code == 404
    assert draft.title not in text_of(client.get("/announcements/"))


def test_withdrawn_announcement_stays_visible_as_withdrawn(client, create_announcement):
    withdrawn = create_announcement(
        status="withdrawn", withdrawal_note="因检验报告有误撤回。", withdrawn_at=date(2026, 6, 1)
    )
    body = text_of(client.get(f"/announcements/{withdrawn.id}"))
    assert "已撤回" in body
    assert "因检验报告有误撤回" in body


def test_announcement_list_filters(client, create_announcement, create_category):
    wires = create_category(code="0101", name="电线电缆")
    toys = create_category(code="0501", name="儿童玩具")
    failing = create_announcement(results=[FAIL], category=wires, issued_on=date(2025, 3, 1))
    passing = create_announcement(
        results=[PASS], category=toys, issued_on=date(2026, 3, 1), scope="流通"
    )
    cases = {
        "category=0101": failing,
        "category=0501": passing,
        "year=2025": failing,
        "scope=流通": passing,
        "result=不合格": failing,
        "result=合格": passing,
    }
    for query, expected in cases.items():
        body = text_of(client.get(f"/announcements/?{query}"))
        other = passing if expected is failing else failing
        assert expected.title in body, query
        assert other.title not in body, query


def test_announcement_list_is_newest_first_and_paginated(client, create_announcement):
    older = create_announcement(issued_on=date(2024, 1, 5))
    newer = create_announcement(issued_on=date(2026, 1, 5))
    body = text_of(client.get("/announcements/"))
    assert body.index(newer.title) < body.index(older.title)
    page2 = text_of(client.get("/announcements/?per_page=1&page=2"))
    assert older.title in page2
    assert newer.title not in page2


def test_enterprise_page_shows_history_and_pass_rate(
    client, create_announcement, create_enterprise, create_recall
):
    enterprise = create_enterprise(name="上海历史电器有限公司")
    create_announcement(results=[PASS, PASS], enterprise=enterprise)
    create_announcement(results=[FAIL, PASS], enterprise=enterprise)
    create_recall(title="上海历史电器有限公司召回部分电热水壶", enterprise=enterprise)
    body = text_of(client.get(f"/enterprises/{enterprise.credit_code.lower()}"))
    assert "上海历史电器有限公司" in body
    assert "75.0%" in body
    assert "召回部分电热水壶" in body
    assert body.count('data-label="结果"') == 4


def test_category_page_lists_its_announcements(client, create_announcement, create_category):
    category = create_category(code="0301", name="建筑防水卷材")
    announcement = create_announcement(results=[FAIL, PASS, PASS, PASS], category=category)
    body = text_of(client.get("/categories/0301"))
    assert announcement.title in body
    assert "75.0%" in body
    assert "建筑防水卷材" in text_of(client.get("/categories/"))


def test_recall_list_and_detail(client, create_recall):
    recall = create_recall(
        title="某品牌儿童推车召回",
        recall_type="责令召回",
        defect="折叠机构锁定失效",
        quantity=12000,
    )
    assert "某品牌儿童推车召回" in text_of(client.get("/recalls/?type=责令召回"))
    assert "某品牌儿童推车召回" not in text_of(client.get("/recalls/?type=主动召回"))
    detail = text_of(client.get(f"/recalls/{recall.id}"))
    assert "折叠机构锁定失效" in detail
    assert "12,000" in detail


def test_regulation_detail_anchors_every_article(client, app):
    (law,) = import_regulation_files([REGULATIONS_DIR / "产品质量法(2018-12-29).md"])
    body = text_of(client.get(f"/regulations/{law.id}"))
    assert body.count('class="article" id="article-') == 74
    assert 'id="article-20"' in body
    assert "第二十条" in body
    assert "第一章 总则" in body
    assert 'href="#article-1"' in body
    listing = text_of(client.get("/regulations/?level=法律"))
    assert "中华人民共和国产品质量法" in listing
    assert "中华人民共和国产品质量法" not in text_of(client.get("/regulations/?level=行政法规"))


def test_healthz_checks_the_database(client):
    response = client.get("/healthz")
    body = response.get_json()
    assert response.status_code == 200
    assert body["database"] == "ok"
    assert set(body) == {"status", "database", "cache", "search"}
