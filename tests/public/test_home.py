"""The home page's headline figures equal counts computed independently."""

from datetime import date

FAIL = ("不合格", ["小零件"])
PASS = ("合格", [])


def figures(announcements):
    """Count categories, enterprises, batches and failed batches the slow, obvious way."""
    batches = [b for a in announcements for b in a.batches]
    failed = sum(1 for b in batches if b.result == "不合格")
    return {
        "categories": len({b.category_id for b in batches}),
        "enterprises": len({b.enterprise_id for b in batches}),
        "batches": len(batches),
        "failed": failed,
        "pass_rate": (len(batches) - failed) / len(batches),
    }


def test_home_figures_match_the_batch_rows(client, create_announcement, create_enterprise):
    shared = create_enterprise(name="上海共用企业有限公司")
    current = [
        create_announcement(results=[PASS, FAIL], enterprise=shared, issued_on=date(2026, 7, 3)),
        create_announcement(results=[PASS], enterprise=shared, issued_on=date(2026, 9, 10)),
        create_announcement(results=[PASS, PASS, PASS], issued_on=date(2026, 8, 1)),
    ]
    previous = [
        create_announcement(results=[FAIL, FAIL, PASS], issued_on=date(2025, 7, 20)),
        create_announcement(results=[PASS], issued_on=date(2025, 9, 10)),
    ]
    # Outside both periods, or not live: none of these may count.
    create_announcement(results=[FAIL], issued_on=date(2025, 9, 11))
    create_announcement(results=[FAIL], issued_on=date(2026, 6, 30))
    create_announcement(results=[FAIL], issued_on=date(2026, 8, 2), status="draft")
    create_announcement(results=[FAIL], issued_on=date(2026, 8, 3), status="withdrawn")

    now, before = figures(current), figures(previous)
    body = client.get("/").get_data(as_text=True)

    assert "2026年下半年监督抽查概况" in body
    assert "2026年7月1日 至 2026年9月10日" in body
    assert "2025年7月1日 至 2025年9月10日" in body
    assert f"{now['categories']} 种" in body
    assert f"{now['enterprises']} 家" in body
    assert f"{now['batches']} 批次" in body
    assert f"不合格 {now['failed']} 批次" in body
    assert f"{now['pass_rate'] * 100:.1f}%" in body
    assert f"上年同期 {before['pass_rate'] * 100:.1f}%" in body
    change = (now["pass_rate"] - before["pass_rate"]) * 100
    assert f"{change:+.1f} 个百分点" in body


def test_home_lists_newest_content(client, create_announcement):
    announcement = create_announcement(title="最新的抽查公告")
    body = client.get("/").get_data(as_text=True)
    assert "最新的抽查公告" in body
    assert f"/announcements/{announcement.id}" in body
