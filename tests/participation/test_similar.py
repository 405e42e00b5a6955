"""The similar-suggestions step and "我也想查这个"."""

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import PlanItem, ProductCategory, Submission
from portal.timeutil import local_today
from tests.participation.conftest import post_form, receipt_of, suggestion_data, token


@pytest.fixture
def published(app):
    """A published suggestion about children's cups and an unpublished one."""
    category = ProductCategory(code="0401", name="儿童水杯", group_name="儿童用品")
    items = [
        Submission(
            kind="suggestion",
            tracking_number=f"JY-P{i}",
            access_code_hash="x",
            product_name="儿童水杯",
            test_items="双酚A",
            text=text,
            category=category,
            is_public=public,
        )
        for i, (text, public) in enumerate(
            [("<b>儿童水杯</b>的双酚A迁移量值得抽查。", True), ("儿童水杯未公开的建议。", False)]
        )
    ]
    plan = PlanItem(year=local_today().year, category=category, planned_batches=30, focus="塑料")
    db.session.add_all([*items, plan])
    db.session.commit()
    return items


def stored() -> int:
    """Stored submissions."""
    return db.session.scalar(select(func.count(Submission.id)))


def test_similar_published_suggestions_and_plan_items_come_first(client, published):
    data = suggestion_data(confirmed="", product_name="儿童水杯", text="担心水杯双酚A超标。")
    response = post_form(client, "/participate/suggestion", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "已有相似的建议或计划" in page
    assert "&lt;b&gt;儿童水杯&lt;/b&gt;" in page
    assert "未公开的建议" not in page
    assert "已列入抽查计划" in page
    assert "我也想查这个" in page
    assert 'name="confirmed" type="hidden" value="1"' in page
    assert "担心水杯双酚A超标。" in page
    assert stored() == 2
    number, _ = receipt_of(
        client, post_form(client, "/participate/suggestion", {**data, "confirmed": "1"})
    )
    assert number.startswith("JY-")
    assert stored() == 3


def test_unrelated_suggestions_are_filed_at_once(client, published):
    data = suggestion_data(
        confirmed="", product_name="电动自行车", test_items="", text="电池起火。"
    )
    assert post_form(client, "/participate/suggestion", data).status_code == 303


def support(client, item):
    """Post "我也想查这个" for a suggestion."""
    csrf = token(client, "/participate/track")
    return client.post(f"/participate/suggestions/{item.id}/support", data={"csrf_token": csrf})


def test_support_adds_one_supporter_per_browser(client, published):
    item = published[0]
    assert support(client, item).status_code == 303
    assert support(client, item).status_code == 303
    db.session.refresh(item)
    assert item.supporters == 2
    assert support(client.application.test_client(), item).status_code == 303
    db.session.refresh(item)
    assert item.supporters == 3


def test_unpublished_or_spam_suggestions_cannot_be_supported(client, published):
    assert support(client, published[1]).status_code == 404
    published[0].is_spam = True
    db.session.commit()
    assert support(client, published[0]).status_code == 404
    response = client.post(f"/participate/suggestions/{published[0].id}/support")
    assert response.status_code == 400
