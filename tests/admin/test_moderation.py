"""/admin/moderation/: moderators read, classify, merge, mark spam, answer and link; all audited."""

import io

import pytest
from PIL import Image
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import AuditLog, PlanItem, ProductCategory, Role, Submission
from portal.services.submissions import submit_complaint, submit_suggestion
from portal.timeutil import local_today
from tests.admin.conftest import form_token

BASE = "/admin/moderation"


@pytest.fixture(autouse=True)
def cheap_hashes(app, tmp_path):
    """Cheap access-code hashes and a private upload folder."""
    app.config.update(ACCESS_CODE_HASH_METHOD="scrypt:1024:8:1", UPLOAD_DIR=str(tmp_path / "up"))


@pytest.fixture
def moderator(staff_client):
    """A signed-in moderator."""
    return staff_client(Role.MODERATOR)


@pytest.fixture
def plan_item(app):
    """A category and a plan item of this year."""
    category = ProductCategory(code="0201", name="儿童玩具", group_name="儿童用品")
    item = PlanItem(year=local_today().year, category=category, planned_batches=40, focus="重点")
    db.session.add(item)
    db.session.commit()
    return item


def suggestion(**fields):
    """A filed suggestion and its receipt."""
    values = {"product_name": "儿童水杯", "text": "希望抽查。", "contact_phone": "13700000000"}
    receipt = submit_suggestion({**values, **fields})
    stored = db.session.scalar(
        select(Submission).where(Submission.tracking_number == receipt.tracking_number)
    )
    return stored, receipt


def post(client, submission, action: str, **data):
    """Post an action form of a submission with the detail page's token."""
    url = f"{BASE}/{submission.id}"
    token = form_token(client, url)
    return client.post(f"{url}/{action}", data={"csrf_token": token, **data})


def audited(action: str) -> int:
    """Audit rows of an action."""
    return db.session.scalar(select(func.count(AuditLog.id)).where(AuditLog.action == action))


def test_the_queue_lists_submissions_and_hides_spam(moderator):
    kept, _ = suggestion(product_name="电热水壶")
    spam, _ = suggestion(product_name="广告")
    spam.is_spam = True
    db.session.commit()
    page = moderator.get(f"{BASE}/").get_data(as_text=True)
    assert kept.tracking_number in page
    assert spam.tracking_number not in page
    assert spam.tracking_number in moderator.get(f"{BASE}/?spam=only").get_data(as_text=True)
    assert moderator.get(f"{BASE}/?page=0").status_code == 422


def test_the_detail_shows_contacts_to_staff_with_text_escaped(moderator):
    item, _ = suggestion(text="<script>alert(1)</script>")
    page = moderator.get(f"{BASE}/{item.id}").get_data(as_text=True)
    assert "13700000000" in page
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;" in page


def test_status_change_adds_a_public_step_and_an_audit_row(moderator):
    item, _ = suggestion()
    response = post(moderator, item, "status", status="处理中", note="已转交质量监督处。")
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.status == "处理中"
    assert item.events[-1].note == "已转交质量监督处。"
    assert item.events[-1].user_id == moderator.user.id
    assert audited("submission.status") == 1
    refused = post(moderator, item, "status", status="乱写", note="x")
    assert refused.status_code == 422
    assert audited("submission.status") == 1


def test_reply_and_classification(moderator, plan_item):
    item, _ = suggestion()
    assert post(moderator, item, "reply", reply="感谢建议。").status_code == 302
    response = post(
        moderator,
        item,
        "classify",
        kind="suggestion",
        category_id=plan_item.category_id,
        is_public="y",
    )
    assert response.status_code == 302
    db.session.refresh(item)
    assert item.public_reply == "感谢建议。"
    assert item.is_public
    assert item.category_id == plan_item.category_id
    assert audited("submission.reply") == audited("submission.classify") == 1


def test_complaints_can_never_be_made_public(moderator):
    receipt = submit_complaint({"product_name": "充电器", "text": "冒烟"})
    item = db.session.scalar(
        select(Submission).where(Submission.tracking_number == receipt.tracking_number)
    )
    response = post(moderator, item, "classify", kind="complaint", category_id="", is_public="y")
    assert response.status_code == 422
    assert "投诉内容从不公开" in response.get_data(as_text=True)
    db.session.refresh(item)
    assert not item.is_public


def test_merging_carries_supporters_over(moderator):
    target, _ = suggestion()
    first, _ = suggestion()
    second, _ = suggestion()
    second.supporters = 3
    db.session.commit()
    assert post(moderator, first, "merge", target=second.tracking_number).status_code == 302
    assert post(moderator, second, "merge", target=target.tracking_number).status_code == 302
    for record in (target, first, second):
        db.session.refresh(record)
    assert target.supporters == 1 + 3 + 1
    assert first.merged_into_id == target.id
    assert second.merged_into_id == target.id
    assert audited("submission.merge") == 2
    assert post(moderator, target, "merge", target=target.tracking_number).status_code == 422
    assert post(moderator, target, "merge", target="JY-2026-999999-0").status_code == 422


def test_spam_and_plan_links(moderator, plan_item):
    item, _ = suggestion()
    assert post(moderator, item, "plan-item", plan_item_id=plan_item.id).status_code == 302
    assert post(moderator, item, "spam", is_spam="y").status_code == 302
    db.session.refresh(item)
    assert item.plan_item_id == plan_item.id
    assert item.is_spam
    assert post(moderator, item, "plan-item", plan_item_id="999999").status_code == 422
    assert audited("submission.plan_item") == 1
    assert audited("submission.spam") == 1


def test_missing_csrf_changes_nothing(moderator):
    item, _ = suggestion()
    response = moderator.post(f"{BASE}/{item.id}/spam", data={"is_spam": "y"})
    assert response.status_code == 400
    db.session.refresh(item)
    assert not item.is_spam


def test_photos_are_served_to_moderators_only(app, moderator, staff_client, client):
    raw = io.BytesIO()
    Image.new("RGB", (10, 10)).save(raw, format="PNG")
    receipt = submit_complaint({"product_name": "充电器", "text": "冒烟"}, [raw.getvalue()])
    item = db.session.scalar(
        select(Submission).where(Submission.tracking_number == receipt.tracking_number)
    )
    url = f"{BASE}/photos/{item.photos[0].id}"
    assert url in moderator.get(f"{BASE}/{item.id}").get_data(as_text=True)
    response = moderator.get(url)
    assert response.status_code == 200
    assert response.mimetype == "image/jpeg"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.get_data().startswith(b"\xff\xd8")
    response.close()
    assert staff_client(Role.EDITOR).get(url).status_code == 403
    assert client.get(url).status_code == 302
    assert moderator.get(f"{BASE}/photos/999").status_code == 404
