"""Votes and suggestions → plan item → announcements → batches, on /plan/<year>, API and feed."""

import feedparser
import pytest

from portal.extensions import db
from portal.models import CampaignStatus, PlanItem, Submission
from portal.queries.plan import plan_item_results
from portal.services.voting import cast_ballot


@pytest.fixture
def plan(create_campaign, create_announcement, create_category):
    """A closed campaign whose top choice became a 2027 plan item with one published result."""
    category = create_category(code="0201", name="儿童玩具")
    campaign = create_campaign(labels=("儿童玩具", "<script>x</script>", "甲醛", "网店"))
    choice = campaign.choices[0]
    for number in range(3):
        cast_ballot(campaign, [choice.id], f"voter-{number:020d}", f"{number:064d}", 5)
    campaign.status = CampaignStatus.CLOSED
    item = PlanItem(
        year=2027,
        category_id=category.id,
        planned_batches=20,
        focus="增塑剂",
        campaign_choice_id=choice.id,
    )
    db.session.add(item)
    db.session.flush()
    db.session.add(
        Submission(
            kind="suggestion",
            tracking_number="JY-2027-000001-3",
            access_code_hash="x",
            text="请抽查玩具",
            plan_item_id=item.id,
        )
    )
    published = create_announcement(
        results=(("合格", []), ("不合格", ["邻苯二甲酸酯"])),
        category=category,
        title="儿童玩具产品质量监督抽查结果公告",
        plan_item_id=item.id,
    )
    create_announcement(category=category, status="draft", title="草稿公告", plan_item_id=item.id)
    db.session.commit()
    return campaign, item, published


def test_plan_item_results_lists_only_published_announcements(plan):
    _, item, published = plan
    results = plan_item_results(item)
    assert [entry.announcement.id for entry in results.announcements] == [published.id]
    assert (results.sampled, results.failed) == (2, 1)


def test_plan_page_shows_suggestions_votes_and_results(client, plan):
    page = client.get("/plan/2027").get_data(as_text=True)
    assert "2027 年监督抽查计划" in page
    assert '<td data-label="投票" class="num">3</td>' in page
    assert '<td data-label="公众建议" class="num">1</td>' in page
    assert "儿童玩具产品质量监督抽查结果公告" in page
    assert "不合格 1 批次" in page
    assert "草稿公告" not in page
    assert client.get("/plan/2031").status_code == 404


def test_campaign_page_after_close_lists_the_results(client, plan):
    campaign, _, published = plan
    page = client.get(f"/participate/campaigns/{campaign.id}").get_data(as_text=True)
    assert "点有所应，检有所果" in page
    assert f"/announcements/{published.id}" in page
    assert "草稿公告" not in page
    assert "<script>x</script>" not in page
    assert 'name="choices"' not in page


def test_api_plan_keeps_fields_and_adds_results(client, plan):
    _, item, published = plan
    body = client.get("/api/v1/plan/2027").get_json()
    (entry,) = body["items"]
    assert body["planned_batches"] == 20
    assert entry["category"]["name"] == "儿童玩具"
    assert {"planned_batches", "focus", "rationale", "adopted_suggestions"} <= set(entry)
    assert (entry["id"], entry["suggestions"], entry["votes"]) == (item.id, 1, 3)
    assert (entry["sampled"], entry["failed"]) == (2, 1)
    assert [a["number"] for a in entry["announcements"]] == [published.number]
    text = str(body)
    assert "voter-" not in text
    assert "请抽查玩具" not in text


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_plan_feed_lists_results(client, plan, fmt):
    _, _, published = plan
    response = client.get(f"/feeds/plan/2027.{fmt}")
    assert response.status_code == 200
    parsed = feedparser.parse(response.data)
    assert parsed.bozo == 0
    assert [entry.title for entry in parsed.entries] == [published.title]
    assert "2027 年抽查计划结果" in parsed.feed.title
