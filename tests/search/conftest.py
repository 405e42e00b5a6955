"""Search fixtures: a small, known corpus committed through the ORM (so the index follows)."""

from datetime import date

import pytest

from portal.extensions import db
from tests.conftest import commit_content


@pytest.fixture
def corpus(app, create_category, create_enterprise, create_announcement, create_recall):
    """Cables with failed batches, LED lamps, a recall and a regulation with articles."""
    from portal.models import Article, Regulation

    cables = create_category(code="0101", name="电线电缆")
    lamps = create_category(code="0105", name="灯具")
    maker = create_enterprise(name="上海丰益电缆有限公司", district="浦东新区")
    lamp_maker = create_enterprise(name="上海明亮照明电器有限公司", district="闵行区")
    cable_notice = create_announcement(
        results=(("不合格", ["导体电阻", "绝缘厚度"]), ("合格", []), ("不合格", ["温升超标"])),
        category=cables,
        enterprise=maker,
        title="2025年电线电缆产品质量监督抽查结果公告",
        issued_on=date(2025, 6, 1),
        summary="本次监督抽查发现部分产品导体电阻不合格，个别产品超标温升。",
    )
    lamp_notice = create_announcement(
        results=(("合格", []),),
        category=lamps,
        enterprise=lamp_maker,
        title="2026年LED灯具产品質量監督抽查結果公告",
        issued_on=date(2026, 5, 20),
        summary="抽查LED灯具产品，全部合格。",
    )
    recall = create_recall(
        title="上海明亮照明电器有限公司召回部分LED吸顶灯",
        category=lamps,
        enterprise=lamp_maker,
        product_name="LED吸顶灯",
        defect="驱动电源外壳阻燃性能不符合要求。",
        hazard="存在火灾风险。",
        remedy="免费更换驱动电源。",
        announced_on=date(2026, 3, 2),
    )
    regulation = Regulation(
        title="中华人民共和国产品质量法",
        source_name="产品质量法",
        level="法律",
        version_on=date(2018, 12, 29),
        status="published",
        articles=[
            Article(number=1, label="第一条", text="为了加强对产品质量的监督管理，制定本法。"),
            Article(
                number=15,
                label="第十五条",
                text="国家对产品质量实行以抽查为主要方式的监督检查制度。",
            ),
        ],
    )
    db.session.add(regulation)
    commit_content()
    return {
        "cable_notice": cable_notice,
        "lamp_notice": lamp_notice,
        "recall": recall,
        "regulation": regulation,
        "maker": maker,
    }


@pytest.fixture
def hostile_announcement(corpus, create_announcement):
    """An announcement whose title and summary hold markup, besides the corpus."""
    return create_announcement(
        title='插座<img src=x onerror="alert(2)">产品质量监督抽查结果公告',
        summary="部分插座阻燃性能<script>alert(1)</script>不合格，<b>请注意</b>。",
    )
