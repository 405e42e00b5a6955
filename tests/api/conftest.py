"""Fixtures of the API tests: a small published dataset with a withdrawn record."""

from datetime import date, datetime

import pytest

FAIL = ("不合格", ["导体电阻"])
PASS = ("合格", [])


@pytest.fixture
def dataset(create_announcement, create_category, create_enterprise, create_recall):
    """Two categories, two enterprises in two districts, three announcements and a recall."""
    cable = create_category(code="0101", name="电线电缆")
    toys = create_category(code="0601", name="儿童玩具", group_name="儿童用品")
    pudong = create_enterprise(name="浦东电缆有限公司", district="浦东新区")
    minhang = create_enterprise(name="闵行玩具有限公司", district="闵行区")
    old = create_announcement(
        results=(PASS, FAIL), category=cable, enterprise=pudong, issued_on=date(2025, 3, 1)
    )
    new = create_announcement(
        results=(PASS, PASS, PASS), category=toys, enterprise=minhang, issued_on=date(2026, 6, 1)
    )
    withdrawn = create_announcement(
        results=(FAIL,),
        category=cable,
        enterprise=pudong,
        issued_on=date(2026, 7, 1),
        status="withdrawn",
        withdrawal_note="抽样程序有误，已撤回。",
        withdrawn_at=datetime(2026, 7, 5, 2, 0),
    )
    recall = create_recall(
        title="玩具召回",
        number="召回〔2026〕1号",
        category=toys,
        enterprise=minhang,
        product_name="拼插积木",
        defect="小零件易脱落",
        hazard="儿童误吞",
        remedy="退货",
        announced_on=date(2026, 8, 1),
    )
    return {
        "cable": cable,
        "toys": toys,
        "pudong": pudong,
        "minhang": minhang,
        "old": old,
        "new": new,
        "withdrawn": withdrawn,
        "recall": recall,
    }
