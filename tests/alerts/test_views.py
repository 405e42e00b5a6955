"""The alert pages: subscribe (CSRF, limits), confirm, manage, unsubscribe, the links to them."""

import re

import pytest
from sqlalchemy import func, select

from portal.alerts.pipeline import send_alerts
from portal.alerts.tokens import make_token
from portal.extensions import db
from portal.models import AlertMessage, AlertRecipient, AlertSubscription

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf(client, url: str) -> str:
    """The CSRF token of the form on a page."""
    response = client.get(url)
    assert response.status_code == 200, url
    return TOKEN.search(response.get_data(as_text=True)).group(1)


def post_subscribe(client, url, email, frequency="immediate", token=None):
    """Post the subscribe form of a page."""
    token = token or csrf(client, url)
    data = {"csrf_token": token, "email": email, "frequency": frequency}
    return client.post(url, data=data)


@pytest.fixture
def cables(create_category):
    """A category to follow."""
    return create_category(code="0101", name="电线电缆")


@pytest.mark.parametrize(
    ("url", "label"),
    [
        ("/alerts/subscribe?feed=all", "全部公开信息"),
        ("/alerts/subscribe?feed=type&kind=recalls", "缺陷产品召回"),
        ("/alerts/subscribe?feed=category&code=电线电缆", "「电线电缆」抽查公告与召回"),
        ("/alerts/subscribe?feed=failed&category=0101", "「电线电缆」不合格抽查结果"),
        ("/alerts/subscribe?feed=search&q=绝缘电阻&result=不合格", "「绝缘电阻」搜索结果"),
    ],
)
def test_the_subscribe_form_names_what_it_follows(client, cables, url, label):
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert label in page
    assert 'name="csrf_token"' in page
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/alerts/subscribe?feed=category&code=9999", 404),
        ("/alerts/subscribe?feed=enterprise&credit_code=123", 404),
        ("/alerts/subscribe?feed=district&district=火星区", 404),
        ("/alerts/subscribe?feed=nothing", 404),
        ("/alerts/subscribe?feed=type&kind=everything", 404),
        ("/alerts/subscribe?feed=search&year=abc", 422),
        ("/alerts/subscribe?feed=search&sort=-date", 422),  # nothing to follow
    ],
)
def test_unknown_or_malformed_queries_are_refused(client, url, status):
    assert client.get(url).status_code == status


def test_a_post_without_csrf_token_changes_nothing(client, cables):
    response = client.post("/alerts/subscribe?feed=all", data={"email": "a@example.com"})
    assert response.status_code == 400
    assert db.session.scalar(select(func.count(AlertRecipient.id))) == 0


def test_a_bad_address_is_refused_with_a_message(client, cables):
    response = post_subscribe(client, "/alerts/subscribe?feed=all", "not-an-address")
    assert response.status_code == 422
    assert "有效的电子邮件地址" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AlertRecipient.id))) == 0


def test_the_confirmation_mail_names_no_subscription_text(client, mail_app, smtp_server):
    url = "/alerts/subscribe?feed=search&q=免费领取大奖请加微信"
    response = post_subscribe(client, url, "stranger@example.com")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/alerts/requested")
    assert "stranger@example.com" not in client.get("/alerts/requested").get_data(as_text=True)
    send_alerts()
    (mail,) = smtp_server.to("stranger@example.com")
    for text in (mail.text, mail.html, str(mail.message["Subject"])):
        assert "免费" not in text
        assert "微信" not in text
    assert "/alerts/confirm/" in mail.text
    assert mail.message["List-Unsubscribe"] is None


def test_confirmation_requests_are_limited_per_address(client, mail_app, smtp_server, cables):
    urls = ["/alerts/subscribe?feed=all", "/alerts/subscribe?feed=category&code=0101"]
    urls += ["/alerts/subscribe?feed=type&kind=recalls", "/alerts/subscribe?feed=failed"]
    for url in urls:
        assert post_subscribe(client, url, "target@example.com").status_code == 302
    send_alerts()
    assert len(smtp_server.to("target@example.com")) == 3  # ALERT_REQUESTS_PER_ADDRESS
    assert db.session.scalar(select(func.count(AlertSubscription.id))) == 3


def test_subscription_requests_are_limited_per_client(app, client, cables):
    app.config["ALERT_SUBSCRIBE_RATE_LIMIT"] = "2 per minute"
    url = "/alerts/subscribe?feed=all"
    token = csrf(client, url)
    codes = [
        post_subscribe(client, url, f"c{i}@example.com", token=token).status_code for i in range(3)
    ]
    assert codes == [302, 302, 429]


def test_confirm_then_manage_then_unsubscribe_everything(client, mail_app, smtp_server, cables):
    post_subscribe(client, "/alerts/subscribe?feed=all", "me@example.com")
    post_subscribe(client, "/alerts/subscribe?feed=category&code=0101", "me@example.com", "weekly")
    send_alerts()
    links = [
        re.search(r"http://localhost(/alerts/confirm/\S+)", m.text).group(1)
        for m in smtp_server.to("me@example.com")
    ]
    page = client.get(links[0])
    assert "确认订阅" in page.get_data(as_text=True)
    assert client.post(links[0]).status_code == 400  # the button carries a CSRF token
    confirmed = client.post(links[0], data={"csrf_token": csrf(client, links[0])})
    assert confirmed.status_code == 302
    manage_url = confirmed.headers["Location"]
    manage = client.get(manage_url).get_data(as_text=True)
    assert "全部公开信息" in manage
    assert "「电线电缆」抽查公告与召回</strong>（尚未确认）" in manage
    assert "me@example.com" not in manage
    subscription = db.session.scalar(
        select(AlertSubscription).where(AlertSubscription.kind == "all")
    )
    token = csrf(client, manage_url)
    frequency = client.post(
        f"{manage_url}/{subscription.id}/frequency",
        data={"csrf_token": token, "frequency": "daily"},
    )
    assert frequency.status_code == 302
    db.session.refresh(subscription)
    assert subscription.frequency == "daily"
    assert subscription.next_digest_at is not None
    bad = client.post(
        f"{manage_url}/{subscription.id}/frequency",
        data={"csrf_token": token, "frequency": "hourly"},
    )
    assert bad.status_code == 422
    for sub_id in db.session.scalars(select(AlertSubscription.id)).all():
        response = client.post(f"{manage_url}/{sub_id}/delete", data={"csrf_token": token})
    assert "已删除这个电子邮件地址" in response.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AlertRecipient.id))) == 0
    assert db.session.scalar(select(func.count(AlertMessage.id))) == 0
    assert client.get(manage_url).status_code == 404


def test_an_expired_confirmation_link_is_refused(client, mail_app, monkeypatch):
    from portal.alerts import subscriptions

    subscription = subscriptions.request_subscription("old@example.com", "all", {}, "daily")
    monkeypatch.setattr("itsdangerous.timed.TimestampSigner.get_timestamp", lambda self: 1_000_000)
    with mail_app.test_request_context():
        token = make_token("confirm", subscription)
    monkeypatch.undo()
    assert client.get(f"/alerts/confirm/{token}").status_code == 404
    assert client.get("/alerts/confirm/forged-token").status_code == 404
    assert client.get("/alerts/manage/forged-token").status_code == 404
    assert client.get("/alerts/unsubscribe/forged-token").status_code == 404


def test_the_unsubscribe_page_asks_before_it_unsubscribes(client, subscribe):
    subscription = subscribe("page@example.com")
    with client.application.test_request_context():
        token = make_token("unsubscribe", subscription)
    page = client.get(f"/alerts/unsubscribe/{token}")
    assert "确认退订" in page.get_data(as_text=True)
    assert db.session.scalar(select(func.count(AlertSubscription.id))) == 1
    assert client.post(f"/alerts/unsubscribe/{token}").status_code == 200
    assert db.session.scalar(select(func.count(AlertSubscription.id))) == 0


def test_addresses_appear_in_no_page_feed_search_api_or_download(
    client, subscribe, runner, app, create_announcement
):
    create_announcement()
    subscribe("private.person@example.com")
    urls = ["/", "/feeds/", "/feeds/all.atom", "/search?q=example", "/api/v1/search?q=example"]
    urls += ["/privacy", "/api/v1/announcements", "/sitemap.xml"]
    for url in urls:
        response = client.get(url)
        assert "private.person" not in response.get_data(as_text=True), url
    assert runner.invoke(args=["export"]).exit_code == 0
    from pathlib import Path

    for path in Path(app.config["EXPORT_DIR"]).rglob("*"):
        if path.is_file():
            assert b"private.person" not in path.read_bytes(), path


def test_every_feed_link_has_an_e_mail_subscription_beside_it(
    client, cables, create_announcement, create_enterprise
):
    enterprise = create_enterprise()
    create_announcement(results=(("不合格", ["绝缘电阻"]),), category=cables, enterprise=enterprise)
    pages = {
        "/feeds/": "feed=category&amp;code=0101",
        "/categories/0101": "feed=failed&amp;category=0101",
        f"/enterprises/{enterprise.credit_code}": f"credit_code={enterprise.credit_code}",
        "/announcements/?result=不合格": "feed=failed",
        "/search?q=绝缘电阻": "feed=search",
        "/recalls/": "feed=type&amp;kind=recalls",
    }
    for url, expected in pages.items():
        page = client.get(url).get_data(as_text=True)
        assert "邮件订阅" in page, url
        assert expected in page, url


def test_an_english_reader_gets_english_form_errors(client, cables):
    client.set_cookie("lang", "en")
    url = "/alerts/subscribe?feed=category&code=0101"
    response = post_subscribe(client, url, "")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Please enter your email address." in page
    assert "Email address" in page
    assert "Immediately" in page
    assert 'Spot-check announcements and recalls: <span lang="zh-Hans">电线电缆</span>' in page
    response = post_subscribe(client, url, "not-an-address")
    assert "Please enter a valid email address." in response.get_data(as_text=True)


def test_an_english_reader_gets_an_english_bad_link_page(client):
    client.set_cookie("lang", "en")
    response = client.get("/alerts/manage/forged")
    assert response.status_code == 404
    assert "This link is invalid or has expired." in response.get_data(as_text=True)
