"""Campaign fixtures: campaigns with choices, and CSRF tokens read from the rendered page."""

import random
import re
from datetime import timedelta

import pytest
from flask import g

from portal.extensions import db
from portal.models import Campaign, CampaignChoice, CampaignStatus, ChoiceKind, utcnow

TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


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
