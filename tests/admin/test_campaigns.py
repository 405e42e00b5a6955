"""/admin/campaigns/ and /admin/plan/: moderators run campaigns, adopt choices, link results."""

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import (
    AuditLog,
    Campaign,
    CampaignChoice,
    CampaignStatus,
    PlanItem,
    Role,
    utcnow,
)
from portal.services.voting import cast_ballot
from tests.admin.conftest import form_token


@pytest.fixture
def moderator(staff_client):
    """A client signed in as a moderator."""
    return staff_client(Role.MODERATOR)


def post(client, url, data, page):
    """Post a staff form with the CSRF token of `page`."""
    return client.post(url, data={"csrf_token": form_token(client, page), **data})


def actions() -> list[str]:
    """Audited campaign and plan actions, oldest first."""
    rows = db.session.scalars(select(AuditLog.action).order_by(AuditLog.id))
    return [action for action in rows if action.startswith(("campaign_", "announcement_plan"))]


def create(moderator, **changes):
    """Create a campaign through the form (Beijing time)."""
    data = {
        "title": "2027年你点我检",
        "description": "选出您关心的产品",
        "starts_at": "2026-01-01T08:00",
        "ends_at": "2099-01-01T08:00",
        "max_choices": "2",
        **changes,
    }
    return post(moderator, "/admin/campaigns/new", data, "/admin/campaigns/new")


def add_choices(moderator, campaign, category):
    """Add three choices through the form."""
    page = f"/admin/campaigns/{campaign.id}"
    for kind, label, category_id in (
        ("category", "电线电缆", category.id),
        ("test_item", "甲醛含量", 0),
        ("place", "农贸市场", 0),
    ):
        data = {"kind": kind, "label": label, "note": "", "category_id": str(category_id)}
        response = post(moderator, f"{page}/choices", data, page)
        assert response.status_code == 302, response.get_data(as_text=True)


def test_campaign_life_cycle_is_audited(app, moderator, create_category):
    category = create_category()
    assert create(moderator).status_code == 302
    campaign = db.session.scalars(select(Campaign)).one()
    assert campaign.starts_at.hour == 0  # 08:00 Beijing time is stored as 00:00 UTC
    assert campaign.status == CampaignStatus.DRAFT
    add_choices(moderator, campaign, category)
    page = f"/admin/campaigns/{campaign.id}"
    assert post(moderator, f"{page}/open", {}, page).status_code == 302
    db.session.refresh(campaign)
    choice = campaign.choices[0]
    cast_ballot(campaign, [choice.id], "voter-0000000000000001", "h" * 64, 5)
    assert post(moderator, f"{page}/close", {}, page).status_code == 302
    data = {"year": "2027", "category_id": str(category.id), "planned_batches": "30", "focus": ""}
    response = post(moderator, f"{page}/choices/{choice.id}/adopt", data, page)
    assert response.status_code == 302
    item = db.session.scalars(select(PlanItem)).one()
    assert (item.year, item.campaign_choice_id, item.planned_batches) == (2027, choice.id, 30)
    assert "1 票" in item.rationale
    assert actions() == [
        "campaign_create",
        "campaign_choice_add",
        "campaign_choice_add",
        "campaign_choice_add",
        "campaign_open",
        "campaign_close",
        "campaign_adopt",
    ]
    again = post(moderator, f"{page}/choices/{choice.id}/adopt", data, page)
    assert again.status_code == 422
    assert "已列入抽查计划" in again.get_data(as_text=True)
    assert db.session.scalar(select(func.count(PlanItem.id))) == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ends_at": "2025-01-01T08:00"}, "结束时间应晚于开始时间"),
        ({"title": ""}, "请填写活动名称"),
        ({"max_choices": "99"}, "应在 1–20 之间"),
        ({"starts_at": "next week"}, "开始时间"),
        ({"title": "长" * 129}, "129"),
    ],
)
def test_bad_campaign_input_is_refused(moderator, changes, message):
    response = create(moderator, **changes)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True) or "不能超过" in response.get_data(
        as_text=True
    )
    assert db.session.scalar(select(func.count(Campaign.id))) == 0


def test_open_needs_two_choices_and_adopt_needs_close(moderator, create_category):
    create(moderator)
    campaign = db.session.scalars(select(Campaign)).one()
    page = f"/admin/campaigns/{campaign.id}"
    refused = post(moderator, f"{page}/open", {}, page)
    assert refused.status_code == 409
    assert "至少添加两个选项" in refused.get_data(as_text=True)
    add_choices(moderator, campaign, create_category())
    choice = db.session.scalars(select(CampaignChoice)).first()
    data = {"year": "2027", "category_id": str(choice.category_id), "planned_batches": "3"}
    early = post(moderator, f"{page}/choices/{choice.id}/adopt", data, page)
    assert early.status_code == 422
    assert "投票结束后才能采纳" in early.get_data(as_text=True)
    assert "campaign_open" not in actions()


def test_choice_without_votes_can_be_removed(moderator, create_category):
    create(moderator)
    campaign = db.session.scalars(select(Campaign)).one()
    add_choices(moderator, campaign, create_category())
    page = f"/admin/campaigns/{campaign.id}"
    choice = db.session.scalars(select(CampaignChoice)).first()
    assert post(moderator, f"{page}/choices/{choice.id}/remove", {}, page).status_code == 302
    assert db.session.scalar(select(func.count(CampaignChoice.id))) == 2
    assert moderator.get(f"{page}/choices/999/remove").status_code == 405


def test_plan_screen_links_announcements(moderator, create_announcement, create_category):
    category = create_category(code="0201", name="儿童玩具")
    announcement = create_announcement(category=category)
    item = PlanItem(year=2027, category_id=category.id, planned_batches=10)
    other = PlanItem(year=2027, category_id=create_category(code="0301").id, planned_batches=5)
    db.session.add_all([item, other])
    db.session.commit()
    page = "/admin/plan/?year=2027"
    assert "儿童玩具" in moderator.get(page).get_data(as_text=True)
    data = {"number": announcement.number, "plan_item_id": str(item.id)}
    assert post(moderator, "/admin/plan/link?year=2027", data, page).status_code == 302
    assert announcement.plan_item_id == item.id
    wrong = post(moderator, "/admin/plan/link?year=2027", {**data, "plan_item_id": other.id}, page)
    assert wrong.status_code == 422
    assert "产品类别与计划项目不一致" in wrong.get_data(as_text=True)
    unknown = post(moderator, "/admin/plan/link?year=2027", {**data, "number": "无此号"}, page)
    assert "没有编号为" in unknown.get_data(as_text=True)
    assert announcement.plan_item_id == item.id
    assert actions() == ["announcement_plan_link"]


def test_campaign_page_without_csrf_changes_nothing(moderator):
    create(moderator)
    campaign = db.session.scalars(select(Campaign)).one()
    response = moderator.post(f"/admin/campaigns/{campaign.id}/open")
    assert response.status_code == 400
    assert campaign.status == CampaignStatus.DRAFT
    assert utcnow() > campaign.created_at
