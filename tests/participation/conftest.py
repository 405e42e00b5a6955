"""Participation fixtures: campaigns, cheap access-code hashes, private uploads, CSRF tokens."""

import random
import re
from datetime import timedelta

import pytest
from flask import g

from portal.extensions import db
from portal.models import (
    Campaign,
    CampaignChoice,
    CampaignStatus,
    ChoiceKind,
    ProductCategory,
    utcnow,
)

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
ANY_TOKEN = re.compile(
    r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"'
)
RECEIPT = re.compile(r'class="receipt-code">([^<]+)</dd>')


@pytest.fixture(autouse=True)
def fresh_request_globals(app):
    """Forget the CSRF token cached on `g` at each request (one app context spans the test)."""

    @app.before_request
    def forget_cached_globals():
        g.pop("csrf_token", None)
        g.pop("_login_user", None)


def fresh_client(app):
    """A test client from an address of its own (rate limits may live in a shared Redis)."""
    client = app.test_client()
    octets = (random.randint(0, 255) for _ in range(3))  # noqa: S311 (test addresses)
    client.environ_base["REMOTE_ADDR"] = "10." + ".".join(map(str, octets))
    return client


@pytest.fixture
def client(app):
    """A test client from an address of its own."""
    return fresh_client(app)


def page_token(client, url: str) -> str:
    """GET a page as this client and return the CSRF token of its form."""
    response = client.get(url)
    assert response.status_code == 200, url
    match = TOKEN.search(response.get_data(as_text=True))
    assert match, "no CSRF token on the page"
    return match.group(1)


@pytest.fixture
def create_campaign(app):
    """Factory: a campaign (open now by default) with four choices, one of each kind."""

    def create(status=CampaignStatus.OPEN, max_choices=2, title="2027年你点我检", **fields):
        now = utcnow()
        campaign = Campaign(
            title=title,
            description=fields.pop("description", "请选出您最关心的产品。"),
            starts_at=fields.pop("starts_at", now - timedelta(days=1)),
            ends_at=fields.pop("ends_at", now + timedelta(days=1)),
            max_choices=max_choices,
            status=status,
        )
        labels = fields.pop("labels", ("电动自行车", "儿童玩具", "甲醛含量", "农贸市场"))
        campaign.choices = [
            CampaignChoice(kind=kind, label=label, position=index)
            for index, (kind, label) in enumerate(zip(ChoiceKind.ALL, labels, strict=False))
        ]
        db.session.add(campaign)
        db.session.commit()
        return campaign

    return create


@pytest.fixture(autouse=True)
def participation_config(app, tmp_path):
    """Fast hashes, a private upload folder and a generous write limit (tests lower it)."""
    app.config.update(
        ACCESS_CODE_HASH_METHOD="scrypt:1024:8:1",
        UPLOAD_DIR=str(tmp_path / "uploads"),
        PARTICIPATION_RATE_LIMIT="1000 per minute",
        TRACK_RATE_LIMIT="1000 per minute",
    )


@pytest.fixture
def category(app):
    """A product category to choose."""
    item = ProductCategory(code="0101", name="电动自行车", group_name="交通工具")
    db.session.add(item)
    db.session.commit()
    return item


def token(client, url: str) -> str:
    """The CSRF token of the form on a page."""
    match = ANY_TOKEN.search(client.get(url).get_data(as_text=True))
    assert match, url
    return match.group(1) or match.group(2)


def complaint_data(**changes) -> dict:
    """A valid complaint form."""
    data = {
        "product_name": "电动自行车充电器",
        "category_id": "",
        "enterprise_name": "某某电器有限公司",
        "place": "人民路超市",
        "text": "充电时外壳发烫并冒烟，有焦糊味。",
        "contact_name": "",
        "contact_phone": "",
        "contact_email": "",
        "website": "",
    }
    data.update(changes)
    return data


def suggestion_data(**changes) -> dict:
    """A valid, confirmed suggestion form."""
    data = {
        "product_name": "儿童水杯",
        "category_id": "",
        "test_items": "双酚A 迁移量",
        "place": "超市和网店",
        "text": "孩子每天都用，希望抽查材料安全。",
        "website": "",
        "confirmed": "1",
    }
    data.update(changes)
    return data


def post_form(client, url: str, data: dict, **kwargs):
    """Post a form with the page's CSRF token."""
    return client.post(url, data={**data, "csrf_token": token(client, url)}, **kwargs)


def receipt_of(client, response) -> tuple[str, str]:
    """Follow a submission's redirect and read the tracking number and access code."""
    assert response.status_code == 303, response.get_data(as_text=True)[:2000]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    number, code = RECEIPT.findall(page)
    return number, code
