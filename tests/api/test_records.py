"""Single records: details with their children, enterprise history, 404 and 410 problems."""

import pytest

from portal.extensions import db
from portal.models import Article, Regulation
from tests.conftest import commit_content


def test_announcement_detail_has_batches(client, dataset):
    body = client.get(f"/api/v1/announcements/{dataset['old'].id}").get_json()
    assert body["number"] == dataset["old"].number
    assert [b["result"] for b in body["batches"]] == ["合格", "不合格"]
    assert body["batches"][1]["failed_items"] == ["导体电阻"]
    assert body["url"] == f"/announcements/{dataset['old'].id}"


@pytest.mark.parametrize("kind", ["announcements", "recalls"])
def test_withdrawn_record_answers_410_with_note(client, dataset, kind):
    record = dataset["withdrawn"] if kind == "announcements" else dataset["recall"]
    if kind == "recalls":
        record.status = "withdrawn"
        record.withdrawal_note = "企业信息有误。"
        commit_content()
    response = client.get(f"/api/v1/{kind}/{record.id}")
    assert response.status_code == 410
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["withdrawal_note"] == record.withdrawal_note
    assert record.withdrawal_note in body["detail"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/announcements/999",
        "/api/v1/recalls/999",
        "/api/v1/regulations/999",
        "/api/v1/enterprises/91330100799655058B",
        "/api/v1/plan/1999",
    ],
)
def test_missing_records_are_404_problems(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert response.mimetype == "application/problem+json"
    assert response.get_json()["status"] == 404


def test_invalid_credit_code_explains_why(client):
    response = client.get("/api/v1/enterprises/91330100799655058C")
    assert response.status_code == 404
    assert "校验" in response.get_json()["detail"]


def test_recall_detail(client, dataset):
    body = client.get(f"/api/v1/recalls/{dataset['recall'].id}").get_json()
    assert body["type"] == "主动召回"
    assert body["enterprise"]["credit_code"] == dataset["minhang"].credit_code


def test_regulation_detail_has_articles(client):
    from datetime import date

    regulation = Regulation(
        title="产品质量法",
        source_name="pql",
        level="法律",
        version_on=date(2018, 12, 29),
        history=[{"on": "1993-02-22", "text": "通过"}],
        status="published",
    )
    regulation.articles = [Article(number=1, label="第一条", chapter="第一章 总则", text="为了……")]
    db.session.add(regulation)
    commit_content()
    listed = client.get("/api/v1/regulations?level=法律").get_json()["items"]
    assert [r["title"] for r in listed] == ["产品质量法"]
    body = client.get(f"/api/v1/regulations/{regulation.id}").get_json()
    assert body["articles"][0] == {
        "number": 1,
        "label": "第一条",
        "chapter": "第一章 总则",
        "section": None,
        "text": "为了……",
        "anchor": "article-1",
    }
    assert body["history"] == [{"on": "1993-02-22", "text": "通过"}]


def test_enterprise_history(client, dataset):
    code = dataset["minhang"].credit_code
    body = client.get(f"/api/v1/enterprises/{code}").get_json()
    assert body["name"] == "闵行玩具有限公司"
    assert body["figures"]["batches"] == 3
    assert body["figures"]["pass_rate"] == 1.0
    assert len(body["batches"]) == 3
    assert [r["number"] for r in body["recalls"]] == ["召回〔2026〕1号"]


def test_categories(client, dataset):
    body = client.get("/api/v1/categories").get_json()
    assert [c["code"] for c in body["items"]] == ["0101", "0601"]
