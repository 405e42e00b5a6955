"""One seeded site for the hostile-input suite, the database fingerprint and the log watch."""

import hashlib
import logging
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from portal import create_app
from portal.extensions import db
from tests.browser.server import seed_small_site
from tests.conftest import make_test_config

# The campaign the suite votes in (the demo's own ones may have closed).
HOSTILE_CAMPAIGN = "你点我检"
LIMITED = ("API", "CAMPAIGN_VOTE", "PARTICIPATION", "TRACK", "SEARCH", "FEED")


@pytest.fixture(scope="package")
def site(tmp_path_factory, database_url):
    """A small demo site with its index, bulk files and an open campaign (rate limits raised,
    so every hostile request reaches the code instead of a 429; not RATELIMIT_ENABLED=False,
    which Flask-Limiter's shared instance would carry over to every later app)."""
    folder = tmp_path_factory.mktemp("hostile")
    unlimited = {f"{name}_RATE_LIMIT": "1000000 per minute" for name in LIMITED}
    config = make_test_config(
        folder,
        database_url,
        **unlimited,
        ACCESS_CODE_HASH_METHOD="scrypt:1024:8:1",
        PASSWORD_HASH_METHOD="scrypt:1024:8:1",
        UPLOAD_DIR=str(folder / "uploads"),
    )
    app = create_app(config)
    seed_small_site(app)
    with app.app_context():
        finish_seeding()
    yield app
    with app.app_context():
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def finish_seeding() -> None:
    """Index, bulk downloads, an open campaign, a published suggestion and a staff account."""
    from portal.api.exports import export_datasets
    from portal.models import Campaign, CampaignChoice, CampaignStatus, ChoiceKind, User, utcnow
    from portal.search.maintenance import rebuild_index
    from portal.services.passwords import hash_password

    now = utcnow()
    campaign = Campaign(
        title=HOSTILE_CAMPAIGN,
        description="请选择",
        starts_at=now - timedelta(days=1),
        ends_at=now + timedelta(days=1),
        max_choices=2,
        status=CampaignStatus.OPEN,
    )
    campaign.choices = [
        CampaignChoice(kind=kind, label=f"选项{n}", position=n)
        for n, kind in enumerate(ChoiceKind.ALL)
    ]
    db.session.add(campaign)
    password = hash_password("correct horse battery staple")
    for name in ("hostile-admin", "hostile-moderator"):  # the first gets locked out by the suite
        db.session.add(
            User(username=name, display_name="测试", roles=["admin"], password_hash=password)
        )
    db.session.commit()
    rebuild_index()
    export_datasets()


@pytest.fixture(scope="package")
def known(site) -> dict:
    """Valid values of every path variable, read from the seeded database."""
    from portal.models import (
        Announcement,
        Batch,
        Campaign,
        Enterprise,
        ProductCategory,
        Recall,
        Regulation,
        Submission,
    )

    with site.app_context():
        first = lambda stmt: db.session.scalars(stmt.limit(1)).first()  # noqa: E731
        announcement = first(select(Announcement).where(Announcement.status == "published"))
        return {
            "announcement_id": announcement.id,
            "recall_id": first(select(Recall.id)),
            "regulation_id": first(select(Regulation.id)),
            "version_id": 1,
            "credit_code": first(select(Enterprise.credit_code).join(Batch)),
            "code": first(select(ProductCategory.code).join(Batch)),
            "district": first(select(Batch.district).where(Batch.district != "")),
            "campaign_id": first(select(Campaign.id).where(Campaign.title == HOSTILE_CAMPAIGN)),
            "submission_id": first(select(Submission.id).where(Submission.is_public)),
            "year": announcement.issued_on.year,
            "kind": "announcements",
            "number": 1,
            "name": "batches.csv",
            "filename": "css/site.css",
            "token": "not-a-signed-token",
        }


# The tables a public or sign-in POST writes to when it is accepted.
WRITTEN_BY_POSTS = (
    "submissions",
    "submission_events",
    "submission_photos",
    "campaign_ballots",
    "campaign_votes",
    "sign_in_failures",
    "audit_logs",
    "users",
    "site_state",
)


def database_fingerprint(only=None, skip=()) -> str:
    """A hash of every row of every table, or of the tables in `only` but not in `skip`
    (small test databases only)."""
    digest = hashlib.sha256()
    for table in db.metadata.sorted_tables:
        if (only is not None and table.name not in only) or table.name in skip:
            continue
        order = ", ".join(column.name for column in table.primary_key.columns)
        rows = db.session.execute(text(f"SELECT * FROM {table.name} ORDER BY {order}"))  # noqa: S608
        digest.update(table.name.encode())
        for row in rows:
            digest.update(repr(tuple(row)).encode())
    db.session.rollback()
    return digest.hexdigest()


class LogWatch(logging.Handler):
    """Collects every log record's final message while installed on the root logger."""

    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        """Keep the formatted message (not the traceback, which is multi-line by nature)."""
        self.messages.append(record.getMessage())

    def forged_lines(self) -> list[str]:
        """Messages that would split into several log lines."""
        return [message for message in self.messages if "\n" in message or "\r" in message]


@pytest.fixture
def log_watch():
    """Watch the log of one test; fail it when a message holds a raw line break."""
    watch = LogWatch()
    root = logging.getLogger()
    level = root.level
    root.addHandler(watch)
    root.setLevel(logging.DEBUG)
    yield watch
    root.removeHandler(watch)
    root.setLevel(level)
    assert not watch.forged_lines(), watch.forged_lines()[:3]
