"""Alerts in the subscriber's language: the page a subscription was made on picks its mails'
language; labels are said in the reader's language, published content stays as published."""

from sqlalchemy import select

from portal.alerts.pipeline import send_alerts
from portal.extensions import db
from portal.models import AlertSubscription, ProductCategory
from portal.services.corrections import correct_record
from portal.services.publishing import publish_record
from tests.alerts.test_views import post_subscribe
from tests.english import CJK, chinese_leaks

CABLES = "/alerts/subscribe?feed=category&code=0101"
FAILED = (("不合格", ["绝缘电阻"]), ("合格", []))


def published(create_announcement, category, publisher, title: str):
    """An announcement of a category published through the publishing service."""
    draft = create_announcement(results=FAILED, category=category, status="draft", title=title)
    publish_record(draft, publisher)
    return draft


def subject_of(mail) -> str:
    """The decoded Subject header, unfolded."""
    return " ".join(str(mail.message["Subject"]).split())


def stored() -> AlertSubscription:
    """The one stored subscription."""
    return db.session.scalar(select(AlertSubscription))


def test_a_subscription_made_on_an_english_page_is_confirmed_in_english(
    client, mail_app, smtp_server, create_category
):
    create_category(code="0101", name="电线电缆")
    client.set_cookie("lang", "en")
    assert post_subscribe(client, CABLES, "reader@example.com").status_code == 302
    subscription = stored()
    assert subscription.language == "en"
    assert subscription.label == "「电线电缆」抽查公告与召回"  # the stored copy stays Chinese
    send_alerts()
    mail = smtp_server.to("reader@example.com")[0]
    subject = "Please confirm your e-mail alert from the Product Quality Information Portal"
    assert subject_of(mail) == subject
    assert not CJK.search(mail.text)
    assert '<html lang="en">' in mail.html
    assert chinese_leaks(mail.html) == []
    assert "Please confirm the subscription within 7 days" in mail.text


def test_a_subscription_made_on_a_chinese_page_stays_chinese(
    client, mail_app, smtp_server, create_category
):
    create_category(code="0101", name="电线电缆")
    client.get("/", headers={"Accept-Language": "en"})  # the browser's preference is ignored
    post_subscribe(client, CABLES, "duzhe@example.com")
    assert stored().language == "zh"
    send_alerts()
    mail = smtp_server.to("duzhe@example.com")[0]
    assert subject_of(mail) == "请确认您在质量信息公开平台的邮件订阅"
    assert "请在 7 天内打开下面的链接确认订阅" in mail.text
    assert '<html lang="zh-Hans">' in mail.html


def test_an_english_alert_keeps_only_published_content_in_chinese(
    subscribe, smtp_server, create_category, create_announcement, publisher
):
    cables = create_category(code="0101", name="电线电缆")
    subscribe("reader@example.com", "category", {"code": "0101"}, language="en")
    title = "电线电缆抽查公告（原标题）"
    announcement = published(create_announcement, cables, publisher, title)
    send_alerts()
    correct_record(announcement, {"title": "电线电缆抽查公告（更正后）"}, "标题中的期数有误")
    send_alerts()
    new, corrected = smtp_server.to("reader@example.com")[1:]
    label = "Spot-check announcements and recalls: 电线电缆"
    assert subject_of(new) == f"[Product Quality Information Portal] {label} (1 update)"
    assert f"Your alert “{label}” has 1 update (frequency: Immediately):" in new.text
    assert f"[New] {title}" in new.text
    assert "Correction note: 标题中的期数有误" in corrected.text
    assert f"Title: {title} → 电线电缆抽查公告（更正后）" in corrected.text
    assert "Manage all your alerts (change the frequency, unsubscribe): http" in corrected.text
    for mail in (new, corrected):
        assert '<html lang="en">' in mail.html
        assert chinese_leaks(mail.html) == []
        assert f'<span lang="zh-Hans">{title}</span>' in mail.html
        assert 'recalls: <span lang="zh-Hans">电线电缆</span>' in mail.html


def test_a_chinese_digest_reads_as_before(
    subscribe, smtp_server, create_category, create_announcement, publisher
):
    from datetime import timedelta

    from portal.models import utcnow

    cables = create_category(code="0101", name="电线电缆")
    subscribe("duzhe@example.com", "failed", {}, frequency="daily")
    published(create_announcement, cables, publisher, "第一份公告")
    send_alerts(now=utcnow() + timedelta(days=1, minutes=1))
    digest = smtp_server.to("duzhe@example.com")[-1]
    assert subject_of(digest) == "【质量信息公开平台】每日摘要：不合格抽查结果（1 条更新）"
    assert "您订阅的“不合格抽查结果”有 1 条更新（发送频率：每日）：" in digest.text
    assert "【新发布】第一份公告" in digest.text


def test_the_manage_page_says_labels_in_the_readers_language(
    client, subscribe, create_category, smtp_server
):
    from portal.alerts.tokens import make_token

    create_category(code="0101", name="电线电缆")
    subscription = subscribe("reader@example.com", "category", {"code": "0101"})
    subscribe("reader@example.com", "search", {"q": "插座", "result": "不合格"})
    with client.application.test_request_context():
        url = f"/alerts/manage/{make_token('manage', subscription.recipient)}"
    chinese = client.get(url).get_data(as_text=True)
    assert "「电线电缆」抽查公告与召回" in chinese
    assert "「插座」搜索结果（不合格）" in chinese
    client.set_cookie("lang", "en")
    english = client.get(url).get_data(as_text=True)
    assert 'Spot-check announcements and recalls: <span lang="zh-Hans">电线电缆</span>' in english
    assert 'Search results “<span lang="zh-Hans">插座</span>” (Failed)' in english
    assert chinese_leaks(english) == []


def test_a_label_whose_category_is_gone_falls_back_to_the_stored_one(
    client, subscribe, create_category, smtp_server
):
    from portal.alerts.specs import subscription_label

    create_category(code="0101", name="电线电缆")
    subscription = subscribe("reader@example.com", "category", {"code": "0101"})
    db.session.delete(db.session.scalar(select(ProductCategory)))
    db.session.commit()
    client.set_cookie("lang", "en")
    with client.application.test_request_context(headers={"Cookie": "lang=en"}):
        client.application.preprocess_request()
        assert subscription_label(subscription) == "「电线电缆」抽查公告与召回"
