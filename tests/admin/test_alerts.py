"""/admin/alerts/: the queue, failures and suspended addresses, addresses masked, admins only."""

from datetime import timedelta

from portal.alerts import subscriptions
from portal.extensions import db
from portal.models import AlertMessage, AlertRecipient, Role, utcnow
from portal.queries.alerts import mask_address


def test_mask_address_keeps_only_first_letters():
    assert mask_address("zhang.wei@example.com") == "z***@e***.com"
    assert mask_address("a@localhost") == "a***@l***"


def test_admins_see_counts_and_masked_failures(app, staff_client):
    subscriptions.request_subscription("zhang.wei@example.com", "all", {}, "daily")
    subscriptions.request_subscription("li.na@example.org", "all", {}, "weekly")
    message = db.session.query(AlertMessage).first()
    message.attempts, message.last_error = 2, "421 try again later"
    message.next_attempt_at = utcnow() + timedelta(minutes=2)
    recipient = db.session.query(AlertRecipient).filter_by(email="li.na@example.org").one()
    recipient.suspended_at, recipient.suspended_reason = utcnow(), "550 no such user"
    db.session.commit()
    client = staff_client(Role.ADMIN)
    page = client.get("/admin/alerts/").get_data(as_text=True)
    assert "待确认的订阅</th><td>2" in page
    assert "因退信暂停的地址</th><td>1" in page
    assert "等待重试的邮件</th><td>1" in page
    assert "421 try again later" in page
    assert "z***@e***.com" in page
    assert "zhang.wei" not in page
    assert "li.na" not in page
    assert "邮件提醒" in client.get("/admin/").get_data(as_text=True)


def test_other_staff_cannot_open_the_alert_queue(staff_client):
    assert staff_client(Role.PUBLISHER).get("/admin/alerts/").status_code == 403
