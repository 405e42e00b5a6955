"""Entries: stable ids, absolute links, local dates, order, count and what summaries say."""

from datetime import date, timedelta

import pytest

from portal.services.corrections import correct_record, withdraw_record
from tests.feeds.conftest import parse, published_at

FAIL = ("不合格", ["电气强度", "标志和说明"])
PASS = ("合格", [])


def test_announcement_feed_keeps_the_newest_fifty_newest_first(
    client, create_announcement, create_category
):
    category = create_category(code="0102", name="插头插座")
    first = date(2026, 1, 1)
    announcements = [
        create_announcement(category=category, issued_on=first + timedelta(days=i))
        for i in range(53)
    ]
    parsed = parse(client.get("/feeds/announcements.atom"))
    assert len(parsed.entries) == 50
    expected = [a.id for a in reversed(announcements)][:50]
    assert [entry.id for entry in parsed.entries] == [
        f"tag:localhost,2026:announcement/{i}" for i in expected
    ]
    assert parsed.entries[0].link == f"http://localhost/announcements/{expected[0]}"
    assert parsed.entries[0].published == "2026-02-22T00:00:00+08:00"
    rss = parse(client.get("/feeds/announcements.rss"))
    assert [entry.id for entry in rss.entries] == [entry.id for entry in parsed.entries]
    assert rss.entries[0].guidislink is False


def test_announcement_summary_gives_batches_failures_and_enterprises(
    client, create_announcement, create_enterprise
):
    bad = create_enterprise(name="上海劣质插座厂")
    announcement = create_announcement(results=[PASS, PASS, PASS], title="插座抽查")
    second = create_announcement(results=[FAIL], enterprise=bad, category=announcement.category)
    parsed = parse(client.get("/feeds/announcements.atom"))
    summaries = {entry.id.rsplit("/", 1)[1]: entry.summary for entry in parsed.entries}
    assert "抽查 1 批次，不合格 1 批次，批次合格率 0.0%" in summaries[str(second.id)]
    assert "有不合格批次的企业（1 家）：上海劣质插座厂" in summaries[str(second.id)]
    assert "抽查 3 批次，不合格 0 批次，批次合格率 100.0%" in summaries[str(announcement.id)]
    assert parsed.entries[0].tags[0].label == announcement.category.name


def test_correction_keeps_the_id_and_shows_note_and_new_update_time(client, create_announcement):
    announcement = create_announcement(
        title="电热水壶抽查结果公告", published_at=published_at(date(2026, 5, 20))
    )
    before = parse(client.get("/feeds/announcements.atom")).entries[0]
    assert before.updated == before.published == "2026-05-20T09:00:00+08:00"
    revision = correct_record(
        announcement, {"title": "电热水壶产品质量监督抽查结果公告"}, "更正公告标题中的产品名称。"
    )
    after = parse(client.get("/feeds/announcements.atom")).entries[0]
    assert after.id == before.id
    assert after.title == "电热水壶产品质量监督抽查结果公告"
    assert after.published == before.published
    assert after.updated != before.updated
    assert after.updated.endswith("+08:00")
    assert after.updated_parsed[:6] == revision.revised_at.timetuple()[:6]
    assert "【更正说明" in after.summary
    assert "更正公告标题中的产品名称。" in after.summary


@pytest.mark.parametrize("fmt", ["atom", "rss"])
def test_withdrawn_entry_stays_marked_with_the_note(client, create_announcement, fmt):
    announcement = create_announcement(title="被撤回的公告")
    withdraw_record(announcement, "抽样程序存在问题，撤回本公告。")
    entries = parse(client.get(f"/feeds/announcements.{fmt}")).entries
    assert len(entries) == 1
    assert entries[0].title == "【已撤回】被撤回的公告"
    assert "抽样程序存在问题，撤回本公告。" in entries[0].summary


def test_all_feed_merges_types_by_date(
    client, create_announcement, create_recall, create_regulation
):
    create_regulation(title="老法规", version_on=date(2026, 3, 1))
    create_announcement(title="四月公告", issued_on=date(2026, 4, 1))
    create_recall(title="五月召回", announced_on=date(2026, 5, 1))
    create_announcement(title="六月公告", issued_on=date(2026, 6, 1))
    titles = [entry.title for entry in parse(client.get("/feeds/all.atom")).entries]
    assert titles == ["六月公告", "五月召回", "四月公告", "老法规"]
    ids = [entry.id for entry in parse(client.get("/feeds/all.rss")).entries]
    assert ids[1].startswith("tag:localhost,2026:recall/")
    assert ids[3].startswith("tag:localhost,2026:regulation/")


def test_category_feed_has_its_announcements_and_recalls_only(
    client, create_announcement, create_category, create_recall
):
    ebikes = create_category(code="0701", name="电动自行车")
    toys = create_category(code="0801", name="儿童玩具")
    create_announcement(title="电动自行车抽查", category=ebikes)
    create_announcement(title="玩具抽查", category=toys)
    create_recall(title="电动自行车召回", category=ebikes)
    parsed = parse(client.get("/feeds/categories/0701.rss"))
    assert parsed.feed.title == "「电动自行车」抽查公告与召回"
    assert sorted(entry.title for entry in parsed.entries) == ["电动自行车召回", "电动自行车抽查"]


def test_enterprise_feed_groups_its_batches_per_announcement(
    client, create_announcement, create_enterprise, create_recall
):
    enterprise = create_enterprise(name="上海追踪电器有限公司")
    other = create_enterprise(name="别家公司")
    create_announcement(results=[FAIL, PASS], enterprise=enterprise, issued_on=date(2026, 3, 1))
    create_announcement(results=[PASS], enterprise=other)
    create_recall(enterprise=enterprise, title="追踪电器召回", announced_on=date(2026, 4, 1))
    parsed = parse(client.get(f"/feeds/enterprises/{enterprise.credit_code}.atom"))
    assert parsed.feed.title == "「上海追踪电器有限公司」抽查结果与召回"
    assert [entry.title for entry in parsed.entries][0] == "追踪电器召回"
    batches = parsed.entries[1]
    assert "抽查 2 批次，不合格 1 批次" in batches.title
    assert batches.id.endswith(f"/enterprise/{enterprise.credit_code}")
    assert "不合格项目：电气强度、标志和说明" in batches.summary
    assert len(parsed.entries) == 2


def test_failed_feed_lists_failed_batches_by_category_and_district(
    client, create_announcement, create_category, create_enterprise
):
    ebikes = create_category(code="0701", name="电动自行车")
    jiading = create_enterprise(name="嘉定车厂", district="嘉定区")
    pudong = create_enterprise(name="浦东车厂", district="浦东新区")
    create_announcement(results=[FAIL, PASS], category=ebikes, enterprise=jiading)
    create_announcement(results=[FAIL], category=ebikes, enterprise=pudong)
    create_announcement(results=[FAIL], enterprise=jiading)
    parsed = parse(client.get("/feeds/failed.atom?category=0701"))
    assert parsed.feed.title == "「电动自行车」不合格抽查结果"
    assert sorted(entry.title for entry in parsed.entries) == [
        "嘉定车厂「电动自行车样品1」不合格",
        "浦东车厂「电动自行车样品1」不合格",
    ]
    assert "#batch-" in parsed.entries[0].link
    narrowed = parse(client.get("/feeds/failed.rss?category=0701&district=嘉定区"))
    assert narrowed.feed.title == "「嘉定区·电动自行车」不合格抽查结果"
    assert [entry.title for entry in narrowed.entries] == ["嘉定车厂「电动自行车样品1」不合格"]
    assert len(parse(client.get("/feeds/failed.atom")).entries) == 3


def test_district_feed_follows_batches_and_recalls_of_the_district(
    client, create_announcement, create_enterprise, create_recall
):
    jiading = create_enterprise(name="嘉定车厂", district="嘉定区")
    pudong = create_enterprise(name="浦东车厂", district="浦东新区")
    create_announcement(title="嘉定抽查", enterprise=jiading)
    create_announcement(title="浦东抽查", enterprise=pudong)
    create_recall(title="嘉定召回", enterprise=jiading)
    parsed = parse(client.get("/feeds/districts/嘉定区.atom"))
    assert parsed.feed.title == "「嘉定区」抽查公告与召回"
    assert sorted(entry.title for entry in parsed.entries) == ["嘉定召回", "嘉定抽查"]
