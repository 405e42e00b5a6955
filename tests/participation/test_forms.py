"""Complaint and suggestion forms: receipts, validation, and hostile input."""

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Submission, SubmissionEvent
from portal.tracking_number import is_valid_tracking_number
from tests.participation.conftest import (
    complaint_data,
    post_form,
    receipt_of,
    suggestion_data,
    token,
)


def count() -> int:
    """Stored submissions."""
    return db.session.scalar(select(func.count(Submission.id)))


def test_landing_page_links_both_forms_and_states_the_privacy_notice(client):
    page = client.get("/participate/").get_data(as_text=True)
    assert "/participate/complaint" in page
    assert "/participate/suggestion" in page
    assert "永远不会公开" in page
    assert client.get("/participate/").headers["Cache-Control"] == "no-store"


def test_a_complaint_is_committed_and_its_receipt_shown_once(client, category):
    data = complaint_data(category_id=str(category.id), contact_phone="13800000000")
    number, code = receipt_of(client, post_form(client, "/participate/complaint", data))
    assert number.startswith("TS-")
    assert is_valid_tracking_number(number)
    assert len(code) == 8
    stored = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    assert stored.category_id == category.id
    assert stored.contact_phone == "13800000000"
    assert code not in stored.access_code_hash
    assert stored.tracking_number.endswith(f"{stored.id:06d}-{number[-1]}")
    assert [event.status for event in stored.events] == ["已受理"]
    again = client.get("/participate/receipt")
    assert again.status_code == 302
    assert code not in client.get("/participate/track").get_data(as_text=True)


def test_suggestions_get_jy_numbers(client):
    number, _ = receipt_of(client, post_form(client, "/participate/suggestion", suggestion_data()))
    assert number.startswith("JY-")


def test_missing_csrf_token_changes_nothing(client):
    response = client.post("/participate/complaint", data=complaint_data())
    assert response.status_code == 400
    assert "页面已过期" in response.get_data(as_text=True)
    assert count() == 0


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"product_name": ""}, "请填写产品名称。"),
        ({"text": "长" * 10_000}, "最多 2000 个字"),
        ({"product_name": "长" * 10_000}, "最多 128 个字"),
        ({"wants_reply": "y"}, "请至少填写电话或电子邮箱"),
        ({"contact_email": "not-an-email"}, "请填写有效的电子邮箱"),
        ({"category_id": "999999"}, "不是有效的选择"),
        ({"category_id": "abc"}, "不是有效的选择"),
        ({"website": "http://spam.example"}, "提交未通过检查"),
    ],
)
def test_invalid_complaints_keep_what_was_typed_and_store_nothing(client, changes, message):
    data = complaint_data(**changes)
    response = post_form(client, "/participate/complaint", data)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "人民路超市" in page
    assert count() == 0


def test_control_characters_are_refused_in_plain_forms(client):
    response = post_form(client, "/participate/suggestion", suggestion_data(text="坏\x00\x1b[31m"))
    assert response.status_code == 400
    assert count() == 0


def test_control_characters_are_stripped_from_multipart_forms(client):
    data = complaint_data(text="外壳\x00发烫\x1b[31m冒烟\u202e", product_name="充电器\x07")
    number, _ = receipt_of(
        client,
        post_form(client, "/participate/complaint", data, content_type="multipart/form-data"),
    )
    stored = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    assert stored.text == "外壳发烫[31m冒烟"
    assert stored.product_name == "充电器"


def test_mixed_scripts_and_markup_are_stored_as_typed_and_escaped(client):
    text = "<script>alert(1)</script> Пример ＡＢＣ 𠀋 مرحبا 😀"
    number, code = receipt_of(
        client, post_form(client, "/participate/suggestion", suggestion_data(text=text))
    )
    stored = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    assert stored.text == text


def test_writes_beyond_the_limit_are_refused(app, client):
    app.config["PARTICIPATION_RATE_LIMIT"] = "2 per minute"
    statuses = [
        post_form(client, "/participate/suggestion", suggestion_data()).status_code
        for _ in range(3)
    ]
    assert statuses == [303, 303, 429]
    assert count() == 2


def test_oversized_requests_are_refused_before_parsing(app, client):
    app.config["PARTICIPATION_MAX_REQUEST_BYTES"] = 2000
    csrf = token(client, "/participate/complaint")
    response = client.post(
        "/participate/complaint", data={**complaint_data(text="长" * 3000), "csrf_token": csrf}
    )
    assert response.status_code == 413
    assert count() == 0


def test_parallel_ids_give_distinct_numbers(client):
    numbers = {
        receipt_of(client, post_form(client, "/participate/suggestion", suggestion_data()))[0]
        for _ in range(5)
    }
    assert len(numbers) == 5
    assert db.session.scalar(select(func.count(SubmissionEvent.id))) == 5
