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
    assert body.count("<table") == 3
    assert 'role="img"' in body


def test_stats_filters_narrow_every_breakdown(client, create_announcement, create_category):
    wires = create_category(code="0101", name="电线电缆")
    create_announcement(results=[PASS, FAIL], category=wires, issued_on=date(2025, 3, 1))
    create_announcement(results=[PASS], issued_on=date(2026, 3, 1))
    body = client.get("/stats/?year=2026").get_data(as_text=True)
    assert "2025年上半年" not in body
    assert "100.0%" in body
    assert client.get("/stats/?year=abc").status_code == 422
