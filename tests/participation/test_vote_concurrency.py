"""1,000 parallel votes against gunicorn with several workers: counted votes == acknowledgements.

Runs on the session's database engine: SQLite by default, PostgreSQL when PORTAL_DATABASE_URL
points there. Every POST carries no voter cookie, so each is a new voter; the per-client limits
are raised for the run (all requests come from 127.0.0.1).
"""

import http.client
import re
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import make_url

from portal import create_app
from portal.extensions import db
from portal.models import Campaign, CampaignBallot, CampaignChoice, CampaignVote, utcnow
from tests.conftest import make_test_config
from tests.served import gunicorn, init_db, instance_env

VOTES = 1000
# This many of the posts carry one and the same signed voter cookie: exactly one may count.
SAME_VOTER = 50
SECRET = "vote-test"
TOKEN = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


@pytest.fixture
def served_url(tmp_path, database_url):
    """A database of its own (SQLite file or PostgreSQL database) for the served instance."""
    if not database_url.startswith("postgresql"):
        yield f"sqlite:///{tmp_path / 'votes.sqlite3'}"
        return
    name = f"portal_votes_{uuid.uuid4().hex[:10]}"
    admin = create_engine(make_url(database_url), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(database_url).set(database=name).render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def server(tmp_path, served_url):
    """gunicorn (3 workers x 4 threads) on a migrated database holding one open campaign."""
    env = instance_env(
        tmp_path,
        served_url,
        secret_key=SECRET,
        workers="3",
        threads="4",
        campaign_ballots_per_client=str(VOTES * 2),
        campaign_vote_rate_limit=f"{VOTES * 2} per minute",
    )
    init_db(env)
    campaign_id = open_campaign(tmp_path, served_url)
    with gunicorn(env) as base:
        yield int(base.rsplit(":", 1)[1]), campaign_id, served_url


def open_campaign(tmp_path, url: str) -> int:
    """Store an open campaign with three choices; return its id."""
    app = create_app(make_test_config(tmp_path, url))
    with app.app_context():
        now = utcnow()
        campaign = Campaign(
            title="并发投票",
            description="",
            max_choices=2,
            status="open",
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=1),
        )
        campaign.choices = [
            CampaignChoice(kind="product", label=label, position=index)
            for index, label in enumerate(("电动自行车", "儿童玩具", "电热毯"))
        ]
        db.session.add(campaign)
        db.session.commit()
        campaign_id = campaign.id
        db.session.remove()
        db.engine.dispose()
    return campaign_id


def session_and_token(port: int, campaign_id: int) -> tuple[str, str]:
    """A session cookie and the CSRF token of the campaign page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", f"/participate/campaigns/{campaign_id}")
    response = conn.getresponse()
    body = response.read().decode()
    cookie = response.getheader("Set-Cookie").split(";", 1)[0]
    conn.close()
    return cookie, TOKEN.search(body).group(1)


def post_vote(port: int, campaign_id: int, cookie: str, token: str, number: int) -> int:
    """Post one ballot as a new voter; the status code (0 when the connection failed)."""
    pairs = [("csrf_token", token), ("choices", str(number % 3 + 1))]
    pairs.append(("choices", str((number + 1) % 3 + 1)))
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        conn.request(
            "POST", f"/participate/campaigns/{campaign_id}/vote", urlencode(pairs), headers
        )
        status = conn.getresponse().status
        conn.close()
        return status
    except OSError:
        return 0


def test_parallel_votes_are_all_counted(tmp_path, server):
    port, campaign_id, url = server
    cookie, token = session_and_token(port, campaign_id)
    voter = URLSafeSerializer(SECRET, salt="campaign-voter").dumps("one-voter-" + "x" * 20)
    cookies = [f"{cookie}; portal_voter={voter}" if n % 20 == 0 else cookie for n in range(VOTES)]
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=32) as pool:
        statuses = list(
            pool.map(lambda n: post_vote(port, campaign_id, cookies[n], token, n), range(VOTES))
        )
    elapsed = time.monotonic() - started
    acknowledged = statuses.count(303)
    same_voter = [status for n, status in enumerate(statuses) if n % 20 == 0]
    assert len(same_voter) == SAME_VOTER
    assert same_voter.count(303) == 1, same_voter
    assert same_voter.count(409) == SAME_VOTER - 1, same_voter
    engine = create_engine(url)
    with engine.connect() as conn:
        ballots = conn.scalar(select(func.count(CampaignBallot.id)))
        votes = conn.scalar(select(func.count(CampaignVote.id)))
    engine.dispose()
    print(f"{VOTES} votes in {elapsed:.1f} s; statuses {sorted(set(statuses))}")
    assert ballots == acknowledged
    assert votes == 2 * acknowledged
    assert acknowledged >= (VOTES - SAME_VOTER) * 0.99, sorted(set(statuses))
