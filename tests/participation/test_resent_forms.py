"""The same form sent twice (a retry after an error page, a double click) is filed once; the
second answer is the first submission's receipt with a new access code."""

import re
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from portal.extensions import db
from portal.models import Submission
from portal.queries.submissions import tracked_submission
from tests.participation.conftest import (
    ANY_TOKEN,
    RECEIPT,
    complaint_data,
    post_form,
    receipt_of,
    suggestion_data,
    token,
)

KEY = re.compile(r'name="submission_key" type="hidden" value="([^"]+)"')
RESENT = "这份表单此前已经提交并受理"


def count() -> int:
    """Stored submissions."""
    return db.session.scalar(select(func.count(Submission.id)))


def form_page(client, url: str) -> tuple[str, str]:
    """The CSRF token and the one-time key of the form on a page."""
    page = client.get(url).get_data(as_text=True)
    csrf = ANY_TOKEN.search(page)
    return csrf.group(1) or csrf.group(2), KEY.search(page).group(1)


def send(client, url: str, data: dict):
    """Post a form as sent (token and key included) and follow to the receipt page."""
    response = client.post(url, data=data)
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    return client.get(response.headers["Location"]).get_data(as_text=True)


def test_each_form_page_carries_a_key_of_its_own(client):
    first = form_page(client, "/participate/suggestion")[1]
    second = form_page(client, "/participate/suggestion")[1]
    assert first != second
    assert len(first) >= 16


def test_a_suggestion_sent_twice_is_filed_once_with_a_new_access_code(client):
    csrf, key = form_page(client, "/participate/suggestion")
    data = suggestion_data(csrf_token=csrf, submission_key=key)
    first = send(client, "/participate/suggestion", data)
    second = send(client, "/participate/suggestion", data)

    (number, code), (again, new_code) = receipt_of_page(first), receipt_of_page(second)
    assert count() == 1
    assert again == number
    assert new_code != code
    assert RESENT not in first
    assert RESENT in second
    assert tracked_submission(number, new_code) is not None
    assert tracked_submission(number, code) is None
    stored = db.session.scalar(select(Submission))
    assert key not in stored.submission_key  # only its hash is kept


def test_a_complaint_sent_twice_is_filed_once(client):
    csrf, key = form_page(client, "/participate/complaint")
    data = complaint_data(csrf_token=csrf, submission_key=key)
    send(client, "/participate/complaint", data)
    page = send(client, "/participate/complaint", data)
    assert count() == 1
    assert RESENT in page


def test_the_key_survives_the_suggestion_step_and_a_refused_form(client):
    csrf, key = form_page(client, "/participate/suggestion")
    refused = client.post(
        "/participate/suggestion",
        data=suggestion_data(csrf_token=csrf, submission_key=key, product_name=""),
    )
    assert refused.status_code == 422
    assert KEY.search(refused.get_data(as_text=True)).group(1) == key
    assert count() == 0


def test_forms_with_a_malformed_key_are_each_filed_without_one(client):
    for key in ("short", "<script>alert(1)</script>" * 3, "键" * 20):
        data = suggestion_data(csrf_token=token(client, "/participate/suggestion"))
        receipt_of(
            client, client.post("/participate/suggestion", data={**data, "submission_key": key})
        )
    assert count() == 3
    assert db.session.scalar(select(func.count(Submission.submission_key))) == 0


def test_forms_without_a_key_are_each_filed(client):
    data = suggestion_data()
    for _ in range(2):
        receipt_of(client, post_form(client, "/participate/suggestion", data))
    assert count() == 2


def test_different_forms_are_different_submissions(client):
    for _ in range(2):
        csrf, key = form_page(client, "/participate/suggestion")
        send(
            client, "/participate/suggestion", suggestion_data(csrf_token=csrf, submission_key=key)
        )
    assert count() == 2


def test_two_sends_at_once_file_one_submission(app, client):
    csrf, key = form_page(client, "/participate/suggestion")
    data = suggestion_data(csrf_token=csrf, submission_key=key)
    session = client.get_cookie(app.config["SESSION_COOKIE_NAME"])  # holds the CSRF secret

    def post(_):
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = client.environ_base["REMOTE_ADDR"]
        other.set_cookie(session.key, session.value)
        return other.post("/participate/suggestion", data=data).status_code

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(post, range(4)))
    assert statuses == [303] * 4
    db.session.expire_all()
    assert count() == 1


def receipt_of_page(page: str) -> tuple[str, str]:
    """The tracking number and access code on a receipt page."""
    number, code = RECEIPT.findall(page)
    return number, code
