"""Statistics, the plan and suggestion aggregates: computed from rows, no personal data."""

from datetime import datetime

import pytest

from portal.extensions import db
from portal.models import PlanItem, Submission
from tests.conftest import commit_content


@pytest.mark.parametrize(
    ("by", "keys"),
    [
        ("year", ["2025", "2026"]),
        ("half_year", ["2025-H1", "2026-H1"]),
        ("category", ["0101", "0601"]),
        ("district", ["浦东新区", "闵行区"]),
    ],
)
def test_stats_groupings(client, dataset, by, keys):
    body = client.get(f"/api/v1/stats?by={by}").get_json()
    assert [item["key"] for item in body["items"]] == keys
    assert body["total"]["batches"] == 5
    assert body["total"]["failed"] == 1
    assert body["total"]["pass_rate"] == 0.8


def test_stats_filters_and_labels(client, dataset):
    body = client.get("/api/v1/stats?by=half_year&category=0101").get_json()
    (item,) = body["items"]
    assert item["label"] == "2025年上半年"
    assert (item["batches"], item["passed"], item["failed"]) == (2, 1, 1)


@pytest.fixture
def plan(dataset):
    """A plan line with one adopted suggestion carrying private contact details."""
    item = PlanItem(
        year=2027,
        category=dataset["cable"],
        planned_batches=60,
        focus="导体电阻",
        rationale="投诉集中",
    )
    suggestion = Submission(
        kind="suggestion",
        tracking_number="JY2026001",
        access_code_hash="x",
        text="请抽查电缆",
        contact_name="张三",
        contact_phone="13800000000",
        contact_email="zs@example.com",
        status="已采纳",
        plan_item=item,
        category=dataset["cable"],
        created_at=datetime(2026, 5, 1),
    )
    db.session.add_all([item, suggestion])
    commit_content()
    return item


def test_plan_with_adopted_counts_and_no_personal_data(client, plan):
    response = client.get("/api/v1/plan/2027")
    body = response.get_json()
    assert body["planned_batches"] == 60
    (line,) = body["items"]
    assert line["category"]["code"] == "0101"
    assert line["adopted_suggestions"] == 1
    text = response.get_data(as_text=True)
    for private in ("张三", "13800000000", "zs@example.com", "请抽查电缆", "JY2026001"):
        assert private not in text


def test_suggestion_aggregates(client, plan):
    response = client.get("/api/v1/suggestions/stats?year=2026")
    body = response.get_json()
    assert body["total"] == 1
    assert body["by_status"] == [{"value": "已采纳", "label": "已采纳", "count": 1}]
    assert body["by_category"][0]["value"] == "0101"
    assert "张三" not in response.get_data(as_text=True)
    assert client.get("/api/v1/suggestions/stats").status_code == 422
