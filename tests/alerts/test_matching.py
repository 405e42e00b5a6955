"""Which subscriptions an event reaches: the feed's query, checked on the event's documents."""

import pytest
from sqlalchemy import select

from portal.alerts import subscriptions
from portal.alerts.matching import anchor_key, prepared
from portal.alerts.pipeline import match_events
from portal.alerts.specs import spec_of
from portal.alerts.tokens import make_token
from portal.extensions import db
from portal.models import AlertMatch, utcnow
from portal.services.corrections import withdraw_record
from portal.services.publishing import publish_record

SERIAL = iter(range(10**6))


@pytest.fixture
def follow(app):
    """Factory: a confirmed subscription (no mail server needed: nothing is delivered here)."""

    def make(feed, args=None):
        address = f"m{next(SERIAL)}@example.com"
        subscription = subscriptions.request_subscription(address, feed, args or {}, "immediate")
        with app.test_request_context():
            subscriptions.confirm_subscription(make_token("confirm", subscription))
        return subscription.id

    return make


@pytest.fixture
def kettles(create_category):
    """A category."""
    return create_category(code="0202", name="电热水壶")


@pytest.fixture
def published(create_announcement, create_enterprise, kettles, publisher):
    """Publish an announcement of kettles with a failed batch of a Minhang enterprise."""
    enterprise = create_enterprise(name="上海闵行电器有限公司", district="闵行区")
    create_announcement(enterprise=enterprise, title="去年的公告")  # the enterprise is public
    draft = create_announcement(
        results=(("不合格", ["温控器失效", "绝缘电阻"]), ("合格", [])),
        category=kettles,
        enterprise=enterprise,
        status="draft",
        title="2026年电热水壶产品质量监督抽查结果公告",
    )
    return draft, enterprise


def matched(publisher, draft) -> set[int]:
    """Publish the draft, match the event; the subscription ids it reached."""
    publish_record(draft, publisher)
    match_events(utcnow())
    return set(db.session.scalars(select(AlertMatch.subscription_id)))  # events before: none


def test_feed_queries_reach_exactly_their_subscribers(
    follow, published, publisher, create_category
):
    draft, enterprise = published
    create_category(code="0303", name="插座")
    hits = {
        follow("all"),
        follow("type", {"kind": "announcements"}),
        follow("category", {"code": "0202"}),
        follow("enterprise", {"credit_code": enterprise.credit_code}),
        follow("district", {"district": "闵行区"}),
        follow("failed", {"category": "0202"}),
        follow("search", {"q": "温控器"}),
        follow("search", {"q": "绝缘电阻 电热水壶", "result": "不合格"}),
        follow("search", {"q": "品类:电热水壶 温控"}),
        follow("search", {"q": '"温控器失效"'}),
        follow("search", {"q": "dianreshuihu"}),  # pinyin of the category name
    }
    misses = {
        follow("type", {"kind": "recalls"}),
        follow("category", {"code": "0303"}),
        follow("failed", {"category": "0303"}),
        follow("search", {"q": "温控器 -绝缘"}),
        follow("search", {"q": '"失效温控器"'}),
        follow("search", {"q": "温控器", "year": 2019}),
        follow("search", {"q": "起火"}),
        follow("search", {"type": "recall"}),
    }
    assert matched(publisher, draft) == hits
    assert not hits & misses


def test_a_withdrawal_reaches_the_same_subscribers(follow, published, publisher):
    draft, _ = published
    sub_id = follow("search", {"q": "温控器"})
    matched(publisher, draft)
    withdraw_record(draft, "结果有误")
    match_events(utcnow())
    items = [
        m.item
        for m in db.session.scalars(select(AlertMatch).where(AlertMatch.subscription_id == sub_id))
    ]
    assert [item["action"] for item in items] == ["publish", "withdraw"]
    assert items[0]["count"] == 1
    assert items[0]["hits"] == ["电热水壶样品1（上海闵行电器有限公司）"]
    assert items[1]["note"] == "结果有误"


def test_the_anchor_is_the_most_selective_required_value(app, kettles):
    def anchor(feed, args):
        return anchor_key(prepared(spec_of(feed, args)))

    assert (
        anchor("enterprise", {"credit_code": "91310115000000001X"})
        == "enterprise:91310115000000001X"
    )
    assert anchor("search", {"q": "温控器失效", "category": "0202"}) == "term:温控"
    assert anchor("search", {"q": "bv", "district": "闵行区"}) == "district:闵行区"
    assert anchor("failed", {}) == "result:不合格"
    assert anchor("type", {"kind": "recalls"}) == "type:recall"
    assert anchor("all", {}) == "any"
