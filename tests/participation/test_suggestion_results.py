"""One suggestion followed to its plan item, a published announcement, and its batches."""

from sqlalchemy import select

from portal.extensions import db
from portal.models import PlanItem, Submission
from portal.services.moderation import link_plan_item
from tests.participation.conftest import post_form, receipt_of, suggestion_data


def track(client, number: str, code: str) -> str:
    """The tracking page for a number and code."""
    data = {"tracking_number": number, "access_code": code}
    return post_form(client, "/participate/track", data).get_data(as_text=True)


def test_a_suggestion_leads_to_the_batches_sampled_under_its_plan_item(
    client, create_category, create_announcement
):
    number, code = receipt_of(
        client, post_form(client, "/participate/suggestion", suggestion_data())
    )
    category = create_category(code="0201", name="儿童水杯")
    item = PlanItem(year=2027, category_id=category.id, planned_batches=20, focus="双酚A")
    db.session.add(item)
    db.session.commit()
    suggestion = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    link_plan_item(None, suggestion, item.id)  # the moderator's form is tested in tests/admin
    page = track(client, number, code)
    assert "2027 年监督抽查计划" in page
    assert "抽查结果尚未公布" in page
    published = create_announcement(
        results=(("合格", []), ("不合格", ["双酚A迁移量"])),
        category=category,
        title="儿童水杯产品质量监督抽查结果公告",
        plan_item_id=item.id,
    )
    create_announcement(category=category, status="draft", title="草稿公告", plan_item_id=item.id)
    page = track(client, number, code)
    assert f"/announcements/{published.id}" in page
    assert "儿童水杯产品质量监督抽查结果公告" in page
    assert "不合格 1 批次" in page
    assert "双酚A迁移量" in page
    for batch in published.batches:
        assert f"<li>{batch.product_name}" in page
        assert f"<strong>{batch.result}</strong>" in page
    assert "草稿公告" not in page
