"""The participation forms in English: labels, WTForms' and our messages, receipt and timeline."""

from tests.english import chinese_leaks
from tests.participation.conftest import complaint_data, post_form, receipt_of


def english(client):
    """The client after choosing English."""
    client.set_cookie("lang", "en")
    return client


def test_an_invalid_complaint_is_explained_in_english(client):
    english(client)
    response = post_form(client, "/participate/complaint", complaint_data(product_name="", text=""))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please give the product." in page
    assert "Please describe what is wrong with the product." in page
    assert chinese_leaks(page) == []


def test_an_invalid_contact_is_explained_in_english(client):
    english(client)
    data = complaint_data(wants_reply="y", contact_phone="", contact_email="not-an-address")
    page = post_form(client, "/participate/complaint", data).get_data(as_text=True)
    assert "Please give a valid email address." in page
    assert chinese_leaks(page, (data["text"],)) == []  # what was typed is shown again


def test_receipt_and_tracking_in_english(client, category):
    english(client)
    number, code = receipt_of(
        client, post_form(client, "/participate/complaint", complaint_data(category_id=category.id))
    )
    response = post_form(
        client, "/participate/track", {"tracking_number": number, "access_code": code}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Received" in page
    assert chinese_leaks(page) == []


def test_a_wrong_access_code_is_refused_in_english(client):
    english(client)
    response = post_form(
        client, "/participate/track", {"tracking_number": "TS-2026-000001-0", "access_code": "X"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert chinese_leaks(page) == []
