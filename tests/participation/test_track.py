"""/participate/track: the timeline and public reply for the right number and code only."""

import pytest
from sqlalchemy import select

from portal.extensions import db
from portal.models import Submission, SubmissionEvent
from tests.participation.conftest import complaint_data, post_form, receipt_of, suggestion_data


@pytest.fixture
def filed(client):
    """A suggestion filed through the form: (number, code)."""
    return receipt_of(client, post_form(client, "/participate/suggestion", suggestion_data()))


def track(client, number: str, code: str):
    """Post the tracking form."""
    return post_form(client, "/participate/track", {"tracking_number": number, "access_code": code})


def test_the_right_code_shows_the_timeline_without_contacts(client):
    data = suggestion_data(contact_phone="13912345678", contact_email="a@example.cn")
    number, code = receipt_of(client, post_form(client, "/participate/suggestion", data))
    page = track(client, number.lower().replace("-", "－"), code.lower()).get_data(as_text=True)
    assert number in page
    assert "已受理" in page
    assert "13912345678" not in page
    assert "a@example.cn" not in page
    assert code not in page


def test_a_wrong_code_reveals_nothing(client, filed):
    number, _ = filed
    response = track(client, number, "WRONGCOD")
    assert response.status_code == 422
    assert "受理编号或查询码不正确" in response.get_data(as_text=True)
    assert "已受理" not in response.get_data(as_text=True)


def test_a_typo_is_caught_by_the_check_digit(client, filed):
    number, code = filed
    typo = number[:-1] + str((int(number[-1]) + 1) % 10)
    response = track(client, typo, code)
    assert response.status_code == 422
    assert "校验位不符" in response.get_data(as_text=True)


def test_an_unknown_but_well_formed_number_is_refused_like_a_wrong_code(client):
    response = track(client, "JY-2026-999999-" + "0", "ABCDEFGH")
    assert response.status_code == 422


def test_reply_and_notes_are_escaped(client, filed):
    number, code = filed
    stored = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    stored.public_reply = "<script>alert('reply')</script>"
    stored.events.append(SubmissionEvent(status="处理中", note="<img src=x onerror=alert(1)>"))
    db.session.commit()
    page = track(client, number, code).get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;" in page
    assert "<img src=x" not in page
    assert "处理中" in page


def test_guessing_is_rate_limited(app, client, filed):
    app.config["TRACK_RATE_LIMIT"] = "3 per minute"
    statuses = [track(client, filed[0], "GUESS000").status_code for _ in range(4)]
    assert statuses == [422, 422, 422, 429]


def test_missing_csrf_token_is_refused(client, filed):
    response = client.post(
        "/participate/track", data={"tracking_number": filed[0], "access_code": filed[1]}
    )
    assert response.status_code == 400


def test_a_complaint_can_be_tracked_too(client):
    number, code = receipt_of(client, post_form(client, "/participate/complaint", complaint_data()))
    page = track(client, number, code).get_data(as_text=True)
    assert "投诉举报" in page
    assert number in page


def test_a_linked_plan_item_and_a_merge_show_on_the_tracking_page(client, filed):
    from portal.models import PlanItem, ProductCategory
    from portal.services import moderation

    number, code = filed
    item = PlanItem(
        year=2027,
        category=ProductCategory(code="0301", name="电热水壶", group_name="家电"),
        planned_batches=35,
        focus="重点检验温升。",
    )
    other = receipt_of(client, post_form(client, "/participate/suggestion", suggestion_data()))[0]
    db.session.add(item)
    db.session.commit()
    stored = db.session.scalar(select(Submission).where(Submission.tracking_number == number))
    moderation.link_plan_item(None, stored, item.id)
    moderation.merge_submission(None, stored, other)
    page = track(client, number, code).get_data(as_text=True)
    assert "2027 年监督抽查计划" in page
    assert "电热水壶" in page
    assert "合并办理" in page
    assert other in page


def test_huge_and_odd_input_is_refused_with_a_message(client):
    response = track(client, "J" * 10_000, "A" * 10_000)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "受理编号过长" in page
    assert "查询码过长" in page
    assert track(client, "<script>x</script>", "x").status_code == 422
