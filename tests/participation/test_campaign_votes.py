"""/participate/campaigns/: citizens vote once per campaign; counts are public and honest."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from portal.extensions import db
from portal.models import CampaignBallot, CampaignStatus, CampaignVote, utcnow
from tests.participation.conftest import fresh_client, page_token


def counts() -> tuple[int, int]:
    """Stored ballots and vote rows."""
    ballots = db.session.scalar(select(func.count(CampaignBallot.id)))
    votes = db.session.scalar(select(func.count(CampaignVote.id)))
    return ballots, votes


def vote(client, campaign, choice_ids, **extra):
    """Read the token from the page and post a ballot."""
    url = f"/participate/campaigns/{campaign.id}"
    data = {"csrf_token": page_token(client, url), "choices": choice_ids, **extra}
    return client.post(f"{url}/vote", data=data)


def test_list_and_page_show_open_campaign_with_choices(client, create_campaign):
    campaign = create_campaign()
    listing = client.get("/participate/campaigns/").get_data(as_text=True)
    assert campaign.title in listing
    assert "投票中" in listing
    page = client.get(f"/participate/campaigns/{campaign.id}").get_data(as_text=True)
    assert "投票进行中" in page
    assert "最多选择 2 项" in page
    assert page.count('type="checkbox" name="choices"') == 4
    assert "不能完全防止重复投票" in page


def test_draft_campaign_is_not_public(client, create_campaign):
    campaign = create_campaign(status=CampaignStatus.DRAFT)
    assert client.get(f"/participate/campaigns/{campaign.id}").status_code == 404
    assert campaign.title not in client.get("/participate/campaigns/").get_data(as_text=True)
    assert client.get("/participate/campaigns/99999999999").status_code == 404


def test_vote_is_stored_counted_and_second_ballot_refused(client, create_campaign):
    campaign = create_campaign()
    first, second = (choice.id for choice in campaign.choices[:2])
    token = page_token(client, f"/participate/campaigns/{campaign.id}")
    url = f"/participate/campaigns/{campaign.id}/vote"
    response = client.post(url, data={"csrf_token": token, "choices": [first, second]})
    assert response.status_code == 303
    assert "portal_voter=" in response.headers["Set-Cookie"]
    assert counts() == (1, 2)
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "您的投票已记录" in page
    assert "您已在本次活动中投过票" in page
    assert "已有 <strong>1</strong> 人投票" in page
    again = client.post(url, data={"csrf_token": token, "choices": [first]})
    assert again.status_code == 409
    assert "每人限投一次" in again.get_data(as_text=True)
    assert counts() == (1, 2)


def test_tampered_voter_cookie_counts_as_new_voter(app, client, create_campaign):
    campaign = create_campaign()
    client.set_cookie("portal_voter", "forged.value", path="/participate/campaigns")
    assert vote(client, campaign, [campaign.choices[0].id]).status_code == 303
    ballot = db.session.scalars(select(CampaignBallot)).one()
    assert ballot.voter_id != "forged.value"
    assert len(ballot.voter_id) >= 16


@pytest.mark.parametrize(
    ("choices", "message"),
    [
        ("none", "请至少选择一项"),
        ("three", "最多可以选择 2 项"),
        ("foreign", "不属于本次活动"),
        ("text", "所选项目无效"),
    ],
)
def test_bad_ballots_are_refused_and_keep_choices(client, create_campaign, choices, message):
    campaign = create_campaign()
    other = create_campaign(title="另一个活动")
    ids = [choice.id for choice in campaign.choices]
    choices = {"none": [], "text": ["abc"], "three": ids[:3], "foreign": [other.choices[0].id]}[
        choices
    ]
    response = vote(client, campaign, choices)
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert message in text
    if choices == ids[:3]:
        assert text.count("checked") == 3
    assert counts() == (0, 0)


def test_missing_csrf_token_and_honeypot_store_nothing(client, create_campaign):
    campaign = create_campaign()
    url = f"/participate/campaigns/{campaign.id}/vote"
    assert client.post(url, data={"choices": [campaign.choices[0].id]}).status_code == 400
    trapped = vote(client, campaign, [campaign.choices[0].id], website="http://spam.example")
    assert trapped.status_code == 422
    assert counts() == (0, 0)


@pytest.mark.parametrize("status", [CampaignStatus.CLOSED, CampaignStatus.OPEN])
def test_votes_outside_the_period_are_refused(client, create_campaign, status):
    token = page_token(client, f"/participate/campaigns/{create_campaign(title='进行中').id}")
    ended = utcnow() - timedelta(hours=1)
    campaign = create_campaign(status=status, ends_at=ended)
    page = client.get(f"/participate/campaigns/{campaign.id}").get_data(as_text=True)
    assert 'name="choices"' not in page
    assert ("投票已结束" if status == CampaignStatus.CLOSED else "当前不在投票期") in page
    url = f"/participate/campaigns/{campaign.id}/vote"
    response = client.post(url, data={"csrf_token": token, "choices": [campaign.choices[0].id]})
    assert response.status_code == 409
    assert "当前不接受投票" in response.get_data(as_text=True)
    assert counts() == (0, 0)


def test_per_client_daily_limit_and_no_raw_address(app, create_campaign):
    app.config["CAMPAIGN_BALLOTS_PER_CLIENT"] = 2
    campaign = create_campaign()
    address = fresh_client(app).environ_base["REMOTE_ADDR"]
    statuses = []
    for _ in range(3):
        client = fresh_client(app)  # a new browser (no voter cookie) on the same address
        client.environ_base["REMOTE_ADDR"] = address
        statuses.append(vote(client, campaign, [campaign.choices[0].id]).status_code)
    assert statuses == [303, 303, 429]
    assert "投票次数已达上限" in vote(client, campaign, [campaign.choices[0].id]).get_data(
        as_text=True
    )
    assert counts() == (2, 2)
    hashes = db.session.scalars(select(CampaignBallot.client_hash)).all()
    assert all(len(value) == 64 and address not in value for value in hashes)


def test_rate_limit_on_vote_posts(app, create_campaign):
    app.config["CAMPAIGN_VOTE_RATE_LIMIT"] = "2 per minute"
    campaign = create_campaign()
    address = fresh_client(app).environ_base["REMOTE_ADDR"]
    statuses = []
    for _ in range(3):
        client = fresh_client(app)
        client.environ_base["REMOTE_ADDR"] = address
        statuses.append(vote(client, campaign, [campaign.choices[1].id]).status_code)
    assert statuses == [303, 303, 429]
    assert counts() == (2, 2)


def test_texts_are_escaped(client, create_campaign):
    campaign = create_campaign(
        title="<script>alert(1)</script>", labels=("<script>x</script>", "b", "c", "d")
    )
    page = client.get(f"/participate/campaigns/{campaign.id}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page
    assert "<script>x</script>" not in page
    assert "&lt;script&gt;" in page
