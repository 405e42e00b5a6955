"""Correction and withdrawal screens: a public note is required; the page shows it."""

from portal.extensions import db
from portal.models import Recall
from tests.admin.test_content import post_form


def test_publisher_corrects_and_withdraws(staff_client, create_recall):
    publisher = staff_client("publisher")
    recall = create_recall(title="召回部分电热水壶", quantity=100)
    url = f"/admin/corrections/recalls/{recall.id}"
    form = publisher.get(f"{url}/correct").get_data(as_text=True)
    assert "召回部分电热水壶" in form
    data = recall_form_data(recall) | {"quantity": "1200", "public_note": ""}
    response = post_form(publisher, f"{url}/correct", data)
    assert response.status_code == 422
    assert "请填写对公众说明的理由" in response.get_data(as_text=True)
    response = post_form(publisher, f"{url}/correct", data | {"public_note": "数量更正为1200台。"})
    assert response.status_code == 302
    page = publisher.get(f"/recalls/{recall.id}").get_data(as_text=True)
    assert "数量更正为1200台。" in page
    response = post_form(publisher, f"{url}/withdraw", {"public_note": "重复发布。"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Recall, recall.id).status == "withdrawn"


def recall_form_data(recall) -> dict:
    """The correction form data of a recall, unchanged."""
    return {
        "number": recall.number,
        "title": recall.title,
        "recall_type": recall.recall_type,
        "kind": recall.kind,
        "category_id": "",
        "enterprise_code": "",
        "product_name": recall.product_name,
        "models": recall.models,
        "quantity": str(recall.quantity),
        "defect": recall.defect,
        "hazard": recall.hazard,
        "remedy": recall.remedy,
        "contact": recall.contact,
        "announced_on": recall.announced_on.isoformat(),
    }
