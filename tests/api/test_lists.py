"""List resources: filters, sort, paging envelope and Link header."""

import pytest

from portal.extensions import db
from tests.conftest import commit_content


def items(client, url) -> list[dict]:
    """The items of a JSON list response (asserting 200)."""
    response = client.get(url)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.get_json()["items"]


def test_announcement_list_shows_counts_and_withdrawn_status(client, dataset):
    listed = {a["id"]: a for a in items(client, "/api/v1/announcements")}
    assert set(listed) == {dataset["old"].id, dataset["new"].id, dataset["withdrawn"].id}
    old = listed[dataset["old"].id]
    assert old["batch_counts"] == {"total": 2, "passed": 1, "failed": 1, "pass_rate": 0.5}
    assert old["category"] == {"code": "0101", "name": "电线电缆"}
    assert listed[dataset["withdrawn"].id]["status"] == "withdrawn"
    assert listed[dataset["withdrawn"].id]["withdrawal_note"] == "抽样程序有误，已撤回。"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("category=0601", {"new"}),
        ("year=2025", {"old"}),
        ("result=不合格", {"old", "withdrawn"}),
        ("result=合格", {"new"}),
        ("issued_from=2026-01-01&issued_to=2026-06-30", {"new"}),
        ("issued_from=2026-06-02", {"withdrawn"}),
    ],
)
def test_announcement_filters(client, dataset, query, expected):
    found = {a["id"] for a in items(client, f"/api/v1/announcements?{query}")}
    assert found == {dataset[name].id for name in expected}


def test_announcement_enterprise_filter(client, dataset):
    code = dataset["minhang"].credit_code
    assert [a["id"] for a in items(client, f"/api/v1/announcements?enterprise={code}")] == [
        dataset["new"].id
    ]


def test_announcement_sort(client, dataset):
    ascending = [a["issued_on"] for a in items(client, "/api/v1/announcements?sort=issued_on")]
    assert ascending == sorted(ascending)
    descending = [a["issued_on"] for a in items(client, "/api/v1/announcements")]
    assert descending == sorted(descending, reverse=True)


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("", 5),  # batches of withdrawn announcements are not listed
        ("result=不合格", 1),
        ("district=闵行区", 3),
        ("category=0101", 2),
        ("year=2026", 3),
        ("issued_to=2025-12-31", 2),
    ],
)
def test_batch_filters(client, dataset, query, count):
    assert len(items(client, f"/api/v1/batches?{query}")) == count


def test_batch_enterprise_filter_and_fields(client, dataset):
    code = dataset["pudong"].credit_code
    batches = items(client, f"/api/v1/batches?enterprise={code}")
    assert {b["enterprise"]["credit_code"] for b in batches} == {code}
    assert batches[0]["announcement"]["id"] == dataset["old"].id
    assert {b["result"] for b in batches} == {"合格", "不合格"}


def test_updated_since_returns_only_later_changes(client, dataset):
    from datetime import datetime

    new = dataset["new"]
    new.updated_at = datetime(2030, 1, 1, 8, 0)
    db.session.commit()
    commit_content()
    found = items(client, "/api/v1/announcements?updated_since=2030-01-01T15:00:00%2B08:00")
    assert [a["id"] for a in found] == [new.id]
    assert items(client, "/api/v1/announcements?updated_since=2030-01-02T00:00:00Z") == []


def test_recall_filters(client, dataset):
    code = dataset["minhang"].credit_code
    assert len(items(client, f"/api/v1/recalls?enterprise={code}&type=主动召回")) == 1
    assert items(client, "/api/v1/recalls?type=责令召回") == []
    assert items(client, "/api/v1/recalls?announced_from=2026-09-01") == []


def test_paging_envelope_and_link_header(client, dataset):
    response = client.get("/api/v1/batches?per_page=2&page=2&result=合格")
    body = response.get_json()
    assert body["meta"]["total"] == 4
    assert body["meta"]["page"] == 2
    assert body["meta"]["pages"] == 2
    assert body["meta"]["last_updated"]
    assert body["links"]["prev"] == "/api/v1/batches?per_page=2&page=1&result=%E5%90%88%E6%A0%BC"
    assert body["links"]["next"] is None
    link = response.headers["Link"]
    assert f'<{body["links"]["prev"]}>; rel="prev"' in link
    assert f'<{body["links"]["self"]}>; rel="self"' in link
    assert 'rel="next"' not in link


def test_per_page_is_capped(client, dataset):
    response = client.get("/api/v1/batches?per_page=101")
    assert response.status_code == 422
    assert "per_page" in response.get_json()["errors"]
