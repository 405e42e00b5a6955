"""The statistics page: breakdowns computed from the batch rows, with table equivalents."""

from datetime import date

FAIL = ("不合格", ["标志"])
PASS = ("合格", [])


def test_stats_page_breaks_down_by_period_category_and_district(
    client, create_announcement, create_category, create_enterprise
):
    wires = create_category(code="0101", name="电线电缆")
    toys = create_category(code="0501", name="儿童玩具")
    pudong = create_enterprise(district="浦东新区")
    minhang = create_enterprise(district="闵行区")
    create_announcement(
        results=[PASS, FAIL], category=wires, enterprise=pudong, issued_on=date(2025, 3, 1)
    )
    create_announcement(
        results=[PASS, PASS, PASS, FAIL],
        category=toys,
        enterprise=minhang,
        issued_on=date(2026, 8, 1),
    )
    body = client.get("/stats/").get_data(as_text=True)
    assert "2025年上半年" in body
    assert "2026年下半年" in body
    assert "50.0%" in body  # 电线电缆 and 2025 H1 and 浦东新区: 1 of 2 passed
    assert "75.0%" in body  # 儿童玩具: 3 of 4 passed
    assert "66.7%" in body  # overall: 4 of 6 passed
    assert 'href="/categories/0101"' in body
    assert body.count("<table") == 4  # every chart has its table
    assert body.count('class="chart-summary"') == 4


def test_stats_charts_answer_questions_in_words(
    client, create_announcement, create_category, create_enterprise
):
    wires = create_category(code="0101", name="电线电缆")
    toys = create_category(code="0501", name="儿童玩具")
    pudong = create_enterprise(district="浦东新区")
    huangpu = create_enterprise(district="黄浦区")
    create_announcement(
        results=[PASS, PASS, PASS, FAIL], category=wires, enterprise=pudong,
        issued_on=date(2025, 3, 1),
    )  # fmt: skip
    create_announcement(
        results=[PASS, FAIL, FAIL, ("不合格", ["标志", "阻燃性能"])],
        category=toys, enterprise=huangpu, issued_on=date(2025, 9, 1),
    )  # fmt: skip
    body = client.get("/stats/").get_data(as_text=True)
    # The trend: failure rates 25% then 75%, on an axis from 24% to 76%, not 0-100%.
    assert "不合格率从2025年上半年的 25.0% 上升到2025年下半年的 75.0%" in body
    assert "横轴从 24% 到 76%（不从 0 开始）" in body
    assert "不合格批次最多的是儿童玩具（3 批次不合格），其次是电线电缆（1 批次不合格）。" in body
    assert "最常见的不合格项目是标志，涉及 4 批次。" in body
    assert "阻燃性能" in body
    # Districts by division code: 黄浦区 (310101) before 浦东新区 (310115); both colours named.
    assert body.index('<span class="hbar-label">黄浦区') < body.index(
        '<span class="hbar-label">浦东新区'
    )
    assert "合格率最低的是黄浦区（25.0%），最高的是浦东新区（75.0%）。" in body
    assert "批次合格率低于 85%" in body
    assert "批次合格率 85% 及以上" in body


def test_stats_filters_narrow_every_breakdown(client, create_announcement, create_category):
    wires = create_category(code="0101", name="电线电缆")
    create_announcement(results=[PASS, FAIL], category=wires, issued_on=date(2025, 3, 1))
    create_announcement(results=[PASS], issued_on=date(2026, 3, 1))
    body = client.get("/stats/?year=2026").get_data(as_text=True)
    assert "2025年上半年" not in body
    assert "100.0%" in body
    assert client.get("/stats/?year=abc").status_code == 422


def test_category_page_shows_its_own_failure_trend(client, create_announcement, create_category):
    wires = create_category(code="0101", name="电线电缆")
    toys = create_category(code="0501", name="儿童玩具")
    create_announcement(
        results=[PASS, PASS, PASS, FAIL], category=wires, issued_on=date(2025, 3, 1)
    )
    create_announcement(results=[PASS, FAIL], category=wires, issued_on=date(2026, 3, 1))
    create_announcement(results=[FAIL, FAIL, FAIL], category=toys, issued_on=date(2025, 9, 1))
    body = client.get("/categories/0101").get_data(as_text=True)
    # Only the category's own batches: 25% then 50%; the toys' 2025 second half is not there.
    assert "电线电缆各半年度批次不合格率" in body
    assert "不合格率从2025年上半年的 25.0% 上升到2026年上半年的 50.0%" in body
    assert "横轴从 24% 到 51%（不从 0 开始）" in body
    assert "电线电缆各半年度抽查结果（表格）" in body
    assert "2025年下半年" not in body
    single = client.get("/categories/0501").get_data(as_text=True)
    assert "只有2025年下半年一个半年度的数据：不合格率 100.0%。" in single
    empty = create_category(code="0909", name="没有批次")
    assert "不合格率的变化" not in client.get(f"/categories/{empty.code}").get_data(as_text=True)
