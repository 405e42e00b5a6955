"""Sending through a real SMTP server: contents, headers, digests, crashes, bounces, races."""

import re
import smtplib
import threading
from datetime import timedelta
from email.header import decode_header

import pytest
from sqlalchemy import func, select

from portal.alerts.pipeline import send_alerts
from portal.extensions import db
from portal.models import AlertMessage, AlertRecipient, AlertSubscription, utcnow
from portal.services.corrections import correct_record, withdraw_record
from portal.services.publishing import publish_record

FAILED = (("不合格", ["绝缘电阻"]), ("合格", []))


@pytest.fixture(autouse=True)
def cables(create_category):
    """The category most tests follow."""
    return create_category(code="0101", name="电线电缆")


@pytest.fixture
def publish(create_announcement, create_category, publisher):
    """Factory: publish an announcement draft of a category through the publishing service."""

    def make(code="0101", name="电线电缆", results=FAILED, **fields):
        from portal.models import ProductCategory

        category = db.session.scalar(select(ProductCategory).where(ProductCategory.code == code))
        category = category or create_category(code=code, name=name)
        draft = create_announcement(results=results, category=category, status="draft", **fields)
        publish_record(draft, publisher)
        return draft

    return make


def subject_of(received) -> str:
    """The decoded Subject header."""
    return str(received.message["Subject"])


def test_an_immediate_alert_lists_the_new_announcement_with_unsubscribe_headers(
    subscribe, publish, smtp_server
):
    subscribe("reader@example.com", "category", {"code": "0101"})
    announcement = publish(title="电线电缆产品质量监督抽查结果公告（第一期）")
    send_alerts()
    mails = smtp_server.to("reader@example.com")
    assert len(mails) == 2  # the confirmation, then the alert
    alert = mails[1]
    assert "「电线电缆」抽查公告与召回" in subject_of(alert)
    raw_subject = re.search(rb"(?m)^Subject:(.*(?:\r?\n[ \t].*)*)", alert.raw).group(1)
    assert raw_subject.isascii()
    assert b"=?utf-8?" in raw_subject.lower()
    decoded = "".join(
        part.decode(charset or "ascii") if isinstance(part, bytes) else part
        for part, charset in decode_header(raw_subject.decode().strip())
    )
    assert "「电线电缆」抽查公告与召回" in decoded
    assert "【新发布】电线电缆产品质量监督抽查结果公告（第一期）" in alert.text
    assert f"http://localhost/announcements/{announcement.id}" in alert.text
    assert f'href="http://localhost/announcements/{announcement.id}"' in alert.html
    unsubscribe = alert.message["List-Unsubscribe"]
    assert unsubscribe.startswith("<http://localhost/alerts/unsubscribe/")
    assert alert.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert unsubscribe.strip("<>") in alert.text
    assert alert.message["Message-ID"].startswith("<alerts.")
    assert "alerts@example.gov.cn" in alert.message["From"]
    assert alert.mail_from == "alerts@example.gov.cn"


def test_nothing_is_sent_before_confirmation(mail_app, publish, smtp_server):
    from portal.alerts import subscriptions

    subscriptions.request_subscription("waiting@example.com", "all", {}, "immediate")
    publish()
    send_alerts()
    send_alerts()
    mails = smtp_server.to("waiting@example.com")
    assert len(mails) == 1
    assert "请确认" in subject_of(mails[0])


def test_content_published_before_confirmation_is_not_mailed(subscribe, publish, smtp_server):
    publish(title="确认之前发布的公告")
    subscribe("late@example.com")
    send_alerts()
    assert len(smtp_server.to("late@example.com")) == 1  # the confirmation only


def test_a_correction_says_what_changed_and_a_withdrawal_why(subscribe, publish, smtp_server):
    announcement = publish(title="电线电缆抽查公告（原标题）")
    subscribe("watcher@example.com", "category", {"code": "0101"})
    correct_record(announcement, {"title": "电线电缆抽查公告（更正后）"}, "标题中的期数有误")
    send_alerts()
    corrected = smtp_server.to("watcher@example.com")[-1]
    assert "【更正】电线电缆抽查公告（更正后）" in corrected.text
    assert "更正说明：标题中的期数有误" in corrected.text
    assert "标题：电线电缆抽查公告（原标题） → 电线电缆抽查公告（更正后）" in corrected.text
    withdraw_record(announcement, "检验机构资质问题，结果撤回")
    send_alerts()
    withdrawn = smtp_server.to("watcher@example.com")[-1]
    assert "【撤回】" in withdrawn.text
    assert "撤回理由：检验机构资质问题，结果撤回" in withdrawn.text
    assert "【更正】" not in withdrawn.text  # only what is new since the last mail


def test_a_daily_digest_collects_everything_since_the_last_one(subscribe, publish, smtp_server):
    subscribe("digest@example.com", "failed", {}, frequency="daily")
    publish(title="第一份公告")
    publish(code="0202", name="电热水壶", title="第二份公告")
    publish(results=(("合格", []),), title="全部合格的公告")
    send_alerts()
    assert len(smtp_server.to("digest@example.com")) == 1  # not due yet
    send_alerts(now=utcnow() + timedelta(days=1, minutes=1))
    digest = smtp_server.to("digest@example.com")[-1]
    assert "每日摘要" in subject_of(digest)
    assert "（2 条更新）" in subject_of(digest)
    assert "第一份公告" in digest.text
    assert "第二份公告" in digest.text
    assert "全部合格的公告" not in digest.text
    assert "符合订阅的内容 1 条" in digest.text  # the failed batch, not the passed one
    send_alerts(now=utcnow() + timedelta(days=2, minutes=2))
    assert len(smtp_server.to("digest@example.com")) == 2  # nothing new: no empty digest


def test_one_click_unsubscribe_needs_only_the_signed_token(subscribe, publish, smtp_server, client):
    subscribe("leaving@example.com")
    publish()
    send_alerts()
    url = smtp_server.to("leaving@example.com")[-1].message["List-Unsubscribe"].strip("<>")
    path = url.removeprefix("http://localhost")
    assert client.post(path[:-3] + "xyz", data={"List-Unsubscribe": "One-Click"}).status_code == 404
    response = client.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "已退订" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AlertRecipient.id))) == 0  # address deleted
    assert client.post(path, data={"List-Unsubscribe": "One-Click"}).status_code == 200
    publish(code="0303", name="插座")
    send_alerts()
    assert len(smtp_server.to("leaving@example.com")) == 2


def test_a_crash_in_the_middle_sends_each_mail_exactly_once(
    subscribe, publish, smtp_server, monkeypatch
):
    readers = [f"reader{i}@example.com" for i in range(6)]
    for reader in readers:
        subscribe(reader)
    publish()
    original = smtplib.SMTP.send_message
    calls = {"n": 0}

    def crashing(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 4:
            raise KeyboardInterrupt("the sender dies here")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(smtplib.SMTP, "send_message", crashing)
    with pytest.raises(KeyboardInterrupt):
        send_alerts()
    monkeypatch.setattr(smtplib.SMTP, "send_message", original)
    db.session.rollback()
    send_alerts()  # the crashed run's claims still hold: nothing is sent twice
    assert sum(len(smtp_server.to(r)) for r in readers) == 6 + 3
    send_alerts(now=utcnow() + timedelta(minutes=10))  # the leases ended
    for reader in readers:
        alerts = [m for m in smtp_server.to(reader) if "请确认" not in subject_of(m)]
        assert len(alerts) == 1, reader


def test_a_permanent_refusal_suspends_the_address(subscribe, publish, smtp_server):
    subscribe("gone@example.com")
    subscribe("fine@example.com")
    smtp_server.bounce.add("gone@example.com")
    publish()
    report = send_alerts()
    assert report.delivery.sent == 1
    assert report.delivery.failed == 1
    recipient = db.session.scalar(
        select(AlertRecipient).where(AlertRecipient.email == "gone@example.com")
    )
    assert recipient.is_suspended
    assert recipient.suspended_reason.startswith("550")
    publish(code="0404", name="电饭锅")
    send_alerts(now=utcnow() + timedelta(minutes=10))
    assert len(smtp_server.to("fine@example.com")) == 3
    assert (
        db.session.scalar(
            select(func.count(AlertMessage.id)).where(
                AlertMessage.recipient_id == recipient.id, AlertMessage.status == "queued"
            )
        )
        == 0
    )  # a suspended address gets no new mail


def test_a_temporary_failure_is_retried_with_back_off(subscribe, publish, smtp_server, mail_app):
    subscribe("retry@example.com")
    publish()
    good_url = mail_app.config["SMTP_URL"]
    mail_app.config["SMTP_URL"] = "smtp://127.0.0.1:1"  # nobody listens: connection refused
    now = utcnow()
    report = send_alerts(now=now)
    assert report.delivery.retried == 1
    message = db.session.scalar(select(AlertMessage).where(AlertMessage.kind == "alert"))
    assert message.attempts == 1
    assert message.next_attempt_at == now + timedelta(seconds=60)
    send_alerts(now=now + timedelta(seconds=30))
    assert message.attempts == 1  # not due yet
    report = send_alerts(now=now + timedelta(seconds=61))
    db.session.refresh(message)
    assert message.attempts == 2
    assert message.next_attempt_at == now + timedelta(seconds=61 + 120)
    mail_app.config["SMTP_URL"] = good_url
    send_alerts(now=now + timedelta(seconds=200))
    assert len(smtp_server.to("retry@example.com")) == 2


def test_two_senders_at_once_send_each_mail_once(subscribe, publish, smtp_server, mail_app):
    readers = [f"twin{i}@example.com" for i in range(8)]
    for reader in readers:
        subscribe(reader)
    publish()
    publish(code="0505", name="儿童玩具")
    errors = []

    def run():
        with mail_app.app_context():
            try:
                send_alerts()
            except Exception as error:  # noqa: BLE001  (reported below)
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    send_alerts(now=utcnow() + timedelta(minutes=10))  # whatever a lost race left
    ids = [m.message["Message-ID"] for r in readers for m in smtp_server.to(r)]
    assert len(ids) == len(set(ids))
    for reader in readers:
        alerts = [m for m in smtp_server.to(reader) if "请确认" not in subject_of(m)]
        assert len(alerts) == 1, reader
        assert "（2 条更新）" in subject_of(alerts[0])
    assert db.session.scalar(select(func.count(AlertSubscription.id))) == 8


def test_an_address_that_needs_smtputf8_gets_it_when_the_server_offers_it(
    subscribe, publish, smtp_server
):
    subscribe("读者@example.com")
    publish()
    send_alerts()
    mails = smtp_server.to("读者@example.com")
    assert len(mails) == 2
    assert "读者@example.com" in mails[1].message["To"]
