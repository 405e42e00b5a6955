"""The statistics tally equals the figures counted from the batch rows after every kind of write."""

from datetime import date, timedelta
from itertools import product

import pytest
from sqlalchemy import delete, func, select, update

from portal.extensions import db
from portal.models import Announcement, Batch, ProductCategory, StatsTally, StatsTallyRow, utcnow
from portal.queries.stats import TallyFilter, headline_figures, tally_figures
from portal.queries.stats_check import tally_differences
from portal.services.corrections import correct_record, withdraw_record
from portal.services.publishing import publish_due, publish_record, schedule_record
from portal.services.stats_tally import rebuild
from tests.conftest import commit_content

FAIL = ("不合格", ["标志"])
PASS = ("合格", [])
KEYS = ("year", "category", "district")


def every_filter() -> list[dict]:
    """Every combination of the statistics filters over the stored values, and none."""
    years = [None, 2025, 2026]
    codes = [None, *db.session.scalars(select(ProductCategory.code))]
    districts = [None, "浦东新区", "闵行区", "黄浦区", "没有的区"]
    return [
        {key: value for key, value in zip(KEYS, combo, strict=True) if value}
        for combo in product(years, codes, districts)
    ]


def assert_tally_exact() -> None:
    """The tally's totals, groupings and home comparison equal the direct counts."""
    assert tally_differences(every_filter()) == []


def total() -> tuple[int, int, int, int]:
    """(categories, enterprises, batches, failed) of everything live, from the tally."""
    figures = tally_figures(TallyFilter())
    return figures.categories, figures.enterprises, figures.batches, figures.failed


@pytest.fixture
def content(create_announcement, create_category, create_enterprise):
    """Announcements over two years, three districts, shared enterprises and categories."""
    wires = create_category(code="0101", name="电线电缆")
    toys = create_category(code="0501", name="儿童玩具")
    pudong = create_enterprise(district="浦东新区")
    minhang = create_enterprise(name="上海闵行玩具有限公司", district="闵行区")
    first = create_announcement(
        results=[PASS, FAIL], category=wires, enterprise=pudong, issued_on=date(2025, 3, 1)
    )
    second = create_announcement(
        results=[PASS, PASS, FAIL], category=toys, enterprise=minhang, issued_on=date(2025, 9, 1)
    )
    third = create_announcement(
        results=[FAIL, PASS], category=wires, enterprise=minhang, issued_on=date(2026, 2, 10)
    )
    third.batches[0].district = "黄浦区"
    third.batches[1].district = None
    commit_content()
    return {"wires": wires, "toys": toys, "pudong": pudong, "minhang": minhang,
            "announcements": (first, second, third)}  # fmt: skip


def test_fixtures_are_counted(content):
    assert total() == (2, 2, 7, 3)
    assert_tally_exact()


def test_publishing_a_draft_adds_it(content, draft_announcement, make_user):
    draft = draft_announcement(issued_on=date(2026, 6, 1))
    assert total() == (2, 2, 7, 3)  # a draft counts nowhere
    publish_record(draft, make_user("publisher"))
    assert total() == (3, 3, 9, 4)
    assert_tally_exact()


def test_scheduled_publishing_adds_it(content, draft_announcement, make_user):
    draft = draft_announcement(issued_on=date(2025, 4, 1))
    schedule_record(draft, utcnow() + timedelta(days=1), make_user("publisher"))
    assert publish_due(utcnow() + timedelta(days=2)) == [("announcement", draft.id)]
    assert total() == (3, 3, 9, 4)
    assert_tally_exact()


def test_withdrawing_removes_it(content):
    first, _second, third = content["announcements"]
    withdraw_record(third, "数据有误，撤回。")
    assert total() == (2, 2, 5, 2)
    assert_tally_exact()
    withdraw_record(first, "数据有误，撤回。")
    assert total() == (1, 1, 3, 1)  # 浦东 and 电线电缆 leave every cell
    assert_tally_exact()


def test_correcting_the_issue_date_moves_it(content):
    _first, _second, third = content["announcements"]
    correct_record(third, {"issued_on": date(2025, 3, 2)}, "发布日期更正。")
    assert tally_figures(TallyFilter(period="2026")).batches == 0
    assert tally_figures(TallyFilter(period="2025-H1")).batches == 4
    assert_tally_exact()


@pytest.mark.parametrize(
    "change",
    [
        {"result": "合格"},
        {"district": "黄浦区"},
        {"district": None},
        {"category": "wires"},
        {"enterprise": "pudong"},
        {"announcement": 1},
    ],
)
def test_correcting_a_batch_follows_it(content, change):
    first, second, _third = content["announcements"]
    batch = second.batches[2]  # failed, 儿童玩具, 闵行区, the 闵行 enterprise, 2025 H2
    for field, value in change.items():
        if field in ("category", "enterprise"):
            setattr(batch, field, content[value])
        elif field == "announcement":
            batch.announcement = first
        else:
            setattr(batch, field, value)
    commit_content()
    assert_tally_exact()


def test_deleting_a_batch_and_an_announcement_subtracts_them(content):
    first, second, _third = content["announcements"]
    db.session.delete(second.batches[0])
    commit_content()
    assert total() == (2, 2, 6, 3)
    assert_tally_exact()
    db.session.delete(first)
    commit_content()
    assert total() == (2, 1, 4, 2)
    assert_tally_exact()


def test_bulk_statements_rebuild_before_the_commit(content):
    _first, second, _third = content["announcements"]
    stmt = update(Batch).where(Batch.announcement_id == second.id).values(result="合格")
    db.session.execute(stmt)
    commit_content()
    assert total() == (2, 2, 7, 2)
    assert_tally_exact()


def test_a_rolled_back_change_leaves_the_tally(content):
    _first, second, _third = content["announcements"]
    withdraw_target = db.session.get(Announcement, second.id)
    withdraw_target.status = "withdrawn"
    db.session.flush()
    assert total() == (1, 2, 4, 2)  # the same transaction sees its change
    db.session.rollback()
    assert total() == (2, 2, 7, 3)
    assert_tally_exact()


def test_home_headline_reads_the_comparison_cell(content, create_announcement, create_category):
    create_announcement(results=[PASS], category=content["wires"], issued_on=date(2026, 3, 1))
    cell = db.session.scalar(select(StatsTally.period).where(StatsTally.period.like("%/%")))
    assert cell == "2025-01-01/2025-03-01"
    headline = headline_figures()
    assert (headline.current.batches, headline.previous.batches) == (3, 2)
    assert_tally_exact()


def test_rebuild_recounts_a_damaged_tally(content, runner):
    db.session.execute(delete(StatsTallyRow))
    db.session.execute(update(StatsTally).values(batches=StatsTally.batches + 5))
    db.session.commit()  # the tally's own tables are not watched: the damage stays
    damaged = runner.invoke(args=["stats", "check"])
    assert damaged.exit_code == 1
    assert "by total: Figures(categories=2, enterprises=2, batches=12" in damaged.output
    result = runner.invoke(args=["stats", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "cells" in result.output
    assert runner.invoke(args=["stats", "check"]).exit_code == 0
    assert db.session.scalar(select(func.count()).select_from(StatsTallyRow)) == 4
    assert_tally_exact()


def test_rebuild_of_an_empty_database(app):
    assert rebuild(db.session.connection()) == 0
    assert total() == (0, 0, 0, 0)
    assert headline_figures() is None
