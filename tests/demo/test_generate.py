"""Demo content: realistic, consistent, deterministic and idempotent."""

import hashlib
import re
from collections import defaultdict
from datetime import date, datetime, time

import pytest
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from portal import create_app
from portal.credit_code import is_valid_credit_code
from portal.demo.generate import DEFAULT_SEED, seed_demo
from portal.demo.participation import demo_access_code
from portal.demo.vocabulary import CATEGORIES, DISTRICTS_BY_NAME
from portal.extensions import db
from portal.models import (
    Announcement,
    Batch,
    Campaign,
    CampaignBallot,
    CampaignStatus,
    CampaignVote,
    Enterprise,
    PlanItem,
    ProductCategory,
    Recall,
    Submission,
    SubmissionEvent,
)
from portal.queries.stats import TallyFilter, tally_figures
from portal.queries.stats_check import tally_differences
from tests.conftest import make_test_config

SCALE = 0.05
MODELS = (
    ProductCategory,
    Enterprise,
    Announcement,
    Batch,
    Recall,
    PlanItem,
    Submission,
    SubmissionEvent,
    Campaign,
    CampaignBallot,
    CampaignVote,
)
SUMMARY_COUNTS = re.compile(r"共抽查(\d+)家企业的(\d+)批次产品")
SUMMARY_FAILED = re.compile(r"发现(\d+)批次产品不合格")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory, database_url):
    """The counts of seeding the demo content once for this module, inside the app's context.

    Seeding takes 10-30 s, so every test reads the same seeded database; the tests that
    need an empty database live in test_scale.py.
    """
    app = create_app(make_test_config(tmp_path_factory.mktemp("demo"), database_url))
    with app.app_context():
        db.drop_all()
        db.create_all()
        counts = seed_demo(SCALE)
        db.session.remove()
        yield counts
        db.session.remove()
        db.drop_all()
        db.engine.dispose()


def row_counts() -> dict[str, int]:
    """Number of rows in every demo table."""
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in MODELS
    }


def content_digest() -> str:
    """SHA-256 of the key columns of all demo content, ordered by natural keys."""
    statements = (
        select(Enterprise.credit_code, Enterprise.name, Enterprise.address, Enterprise.district)
        .order_by(Enterprise.credit_code),
        select(Announcement.number, Announcement.title, Announcement.summary, Announcement.body,
               Announcement.scope, Announcement.issued_on, Announcement.published_at)
        .order_by(Announcement.number),
        select(Announcement.number, Enterprise.credit_code, Batch.product_name, Batch.brand,
               Batch.model_spec, Batch.batch_code, Batch.produced_on, Batch.result,
               Batch.failed_items, Batch.agency, Batch.district, Batch.report_number)
        .join(Batch.announcement).join(Batch.enterprise)
        .order_by(Announcement.number, Batch.report_number),
        select(Recall.number, Recall.title, Recall.models, Recall.quantity, Recall.announced_on)
        .order_by(Recall.number),
        select(PlanItem.year, PlanItem.category_id, PlanItem.planned_batches, PlanItem.focus)
        .order_by(PlanItem.year, PlanItem.category_id),
        select(Submission.tracking_number, Submission.status, Submission.text,
               Submission.updated_at).order_by(Submission.tracking_number),
        select(CampaignBallot.voter_id, CampaignBallot.created_at, CampaignVote.choice_id)
        .join(CampaignVote.ballot).order_by(CampaignBallot.voter_id, CampaignVote.choice_id),
        select(PlanItem.year, PlanItem.category_id, PlanItem.rationale)
        .where(PlanItem.campaign_choice_id.is_not(None)).order_by(PlanItem.category_id),
    )  # fmt: skip
    digest = hashlib.sha256()
    for statement in statements:
        for row in db.session.execute(statement):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def test_counts_match_the_rows(seeded):
    assert seeded["categories"] == len(CATEGORIES) == 120
    assert seeded["announcements"] == 36  # six categories in each of six half-years
    assert 700 <= seeded["batches"] <= 1000
    assert seeded["recalls"] == 50
    assert seeded["plan_items"] == 120
    assert seeded["submissions"] == 12
    counts = row_counts()
    assert counts["enterprises"] == seeded["enterprises"] > 100
    assert counts["batches"] == seeded["batches"]
    assert counts["submission_events"] == seeded["submission_events"]
    assert seeded["campaigns"] == counts["campaigns"] == 2
    assert seeded["ballots"] == counts["campaign_ballots"] > 100


def test_credit_codes_are_valid_unique_and_match_the_district(seeded):
    enterprises = db.session.execute(select(Enterprise.credit_code, Enterprise.district)).all()
    codes = [code for code, _ in enterprises]
    assert len(codes) == len(set(codes))
    for code, district in enterprises:
        assert is_valid_credit_code(code), code
        assert code[0] == "9"
        assert code[1] in "123"
        assert code[2:8] == DISTRICTS_BY_NAME[district].code


def test_failed_batches_list_failed_items_and_passed_ones_none(seeded):
    items_of = {spec.code: set(spec.test_items) for spec in CATEGORIES}
    rows = db.session.execute(
        select(Batch.result, Batch.failed_items, ProductCategory.code).join(Batch.category)
    ).all()
    for result, failed_items, code in rows:
        if result == "不合格":
            assert 1 <= len(failed_items) <= 3
            assert set(failed_items) <= items_of[code]
        else:
            assert result == "合格"
            assert failed_items == []


def test_pass_rate_is_realistic(seeded):
    results = db.session.scalars(select(Batch.result)).all()
    pass_rate = results.count("合格") / len(results)
    assert 0.8 <= pass_rate <= 0.97


def test_batches_carry_the_enterprise_district(seeded):
    mismatches = db.session.scalar(
        select(func.count()).select_from(Batch).join(Batch.enterprise)
        .where(Batch.district != Enterprise.district)
    )  # fmt: skip
    assert mismatches == 0


def test_summaries_and_bodies_state_the_counts_of_their_batches(seeded):
    batches = defaultdict(list)
    for announcement_id, result, enterprise_id in db.session.execute(
        select(Batch.announcement_id, Batch.result, Batch.enterprise_id)
    ):
        batches[announcement_id].append((result, enterprise_id))
    for announcement in db.session.scalars(select(Announcement)):
        rows = batches[announcement.id]
        failed = sum(result == "不合格" for result, _ in rows)
        enterprises, total = map(int, SUMMARY_COUNTS.search(announcement.summary).groups())
        assert (enterprises, total) == (len({e for _, e in rows}), len(rows))
        stated = SUMMARY_FAILED.search(announcement.summary)
        assert (int(stated.group(1)) if stated else 0) == failed
        assert ("未发现不合格产品" in announcement.summary) == (failed == 0)
        assert f"{total - failed}批次产品合格，{failed}批次产品不合格" in announcement.body
        assert announcement.category.name in announcement.title


def test_announcements_are_published_inside_their_half_year(seeded):
    announcements = db.session.scalars(select(Announcement)).all()
    per_half = defaultdict(int)
    for announcement in announcements:
        issued = announcement.issued_on
        per_half[(issued.year, issued.month > 6)] += 1
        half = "上" if issued.month <= 6 else "下"
        assert announcement.title.startswith(f"{issued.year}年{half}半年")
        assert announcement.period_start_on <= announcement.period_end_on < issued
        assert announcement.published_at == datetime.combine(issued, time(1, 0))
        assert announcement.is_demo
        assert announcement.status == "published"
    assert max(a.issued_on for a in announcements) <= date(2026, 11, 20)
    assert len(per_half) == 6
    assert len({a.number for a in announcements}) == len(announcements)


def test_submissions_keep_contacts_fake_and_access_codes_hashed(seeded):
    for submission in db.session.scalars(select(Submission)):
        assert "****" in submission.contact_phone
        assert submission.contact_name.endswith(("先生", "女士"))
        code = demo_access_code(submission.tracking_number, DEFAULT_SEED)
        assert code not in submission.access_code_hash
        assert check_password_hash(submission.access_code_hash, code)
        assert submission.events[0].status == "已受理"
        assert submission.events[-1].status == submission.status
        if submission.status == "已采纳":
            assert submission.plan_item.category_id == submission.category_id


def test_campaigns_one_closed_feeding_the_plan_and_one_open(seeded):
    campaigns = {c.status: c for c in db.session.scalars(select(Campaign))}
    closed, open_one = campaigns[CampaignStatus.CLOSED], campaigns[CampaignStatus.OPEN]
    assert open_one.is_open_at(datetime(2026, 12, 1))
    assert not closed.is_open_at(datetime(2026, 12, 1))
    votes = dict(
        db.session.execute(
            select(CampaignVote.choice_id, func.count())
            .where(CampaignVote.campaign_id == closed.id)
            .group_by(CampaignVote.choice_id)
        ).all()
    )
    adopted = db.session.scalars(
        select(PlanItem).where(PlanItem.campaign_choice_id.is_not(None))
    ).all()
    assert len(adopted) == 3
    for item in adopted:
        choice = item.campaign_choice
        assert (item.year, item.category_id) == (2027, choice.category_id)
        assert f"（{votes[choice.id]} 票）" in item.rationale
    top_three = sorted(votes.values(), reverse=True)[:3]
    assert sorted(votes[item.campaign_choice_id] for item in adopted) == sorted(top_three)
    for ballot in db.session.scalars(select(CampaignBallot)):
        assert (
            1
            <= len(ballot.votes)
            <= campaigns[
                CampaignStatus.CLOSED if ballot.campaign_id == closed.id else CampaignStatus.OPEN
            ].max_choices
        )


def test_seeding_twice_inserts_nothing(seeded):
    before = row_counts()
    again = seed_demo(SCALE)
    assert set(again.values()) == {0}
    assert row_counts() == before


def test_content_is_identical_on_a_fresh_database(seeded):
    first = content_digest()
    db.session.remove()
    db.drop_all()
    db.create_all()
    seed_demo(SCALE)
    db.session.remove()
    assert content_digest() == first


def test_the_statistics_tally_counts_the_seeded_batches(seeded):
    year = db.session.scalars(select(func.min(Announcement.issued_on))).one().year
    stmt = select(ProductCategory.code).join(Batch, Batch.category_id == ProductCategory.id)
    code = db.session.scalars(stmt.limit(1)).one()
    filters = [{}, {"year": year}, {"category": code}, {"district": "浦东新区"}]
    assert tally_differences(filters) == []
    assert tally_figures(TallyFilter()).batches == seeded["batches"]
