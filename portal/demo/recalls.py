"""Recall notices over the three demo years, some linked to pool enterprises."""

import random
from datetime import date, timedelta
from itertools import groupby

from portal.demo import vocabulary as vocab
from portal.demo.enterprises import EnterpriseDraft, trade_name
from portal.demo.randomness import derive, random_day, render_pattern
from portal.demo.specs import RecallTemplate
from portal.models import RecallType

RECALL_COUNT = 50
FIRST_DAY, LAST_DAY = date(2024, 1, 8), date(2026, 11, 20)
# Share of recalls whose category has pool enterprises that name one of them as the maker.
LINK_SHARE = 0.8
QUANTITIES = {"消费品": (120, 48000), "汽车": (300, 160000), "工业产品": (50, 6000)}


def vehicle_maker(rng: random.Random) -> tuple[str, str]:
    """A fictional car maker and its latin brand."""
    trade, pinyin = trade_name(rng)
    form = rng.choice(
        ("上海{}汽车有限公司", "{}汽车（中国）有限公司", "上海{}汽车销售服务有限公司")
    )
    return form.format(trade), pinyin.capitalize()


def models_text(rng: random.Random, template: RecallTemplate, brand: str) -> str:
    """The recalled models: rendered category patterns, or car model names."""
    spec = vocab.CATEGORIES_BY_CODE.get(template.category_code or "")
    if spec is None:
        names = {f"{brand} {rng.choice('ABCEGMSX')}{rng.randint(3, 9)}0" for _ in range(2)}
        return "、".join(sorted(names))
    pattern = spec.pattern_for(template.product)
    names = {render_pattern(pattern, rng) for _ in range(rng.randint(1, 3))}
    return "、".join(sorted(names))


def maker(rng: random.Random, template: RecallTemplate, pools: dict) -> tuple[str, str, str | None]:
    """Maker name, brand and the linked enterprise's credit code (None when not in the pool)."""
    pool = pools.get(template.category_code or "", [])
    if pool and rng.random() < LINK_SHARE:
        enterprise: EnterpriseDraft = rng.choice(pool)
        return enterprise.name, enterprise.brands[0], enterprise.credit_code
    if template.kind == "汽车":
        name, brand = vehicle_maker(rng)
        return name, brand, None
    trade, _ = trade_name(rng)
    return f"上海{trade}{rng.choice(vocab.GENERIC_INDUSTRY_WORDS)}有限公司", trade, None


def make_recall(rng: random.Random, template: RecallTemplate, announced_on: date, pools) -> dict:
    """One recall row; enterprise referenced by credit code."""
    name, brand, credit_code = maker(rng, template, pools)
    end = announced_on - timedelta(days=rng.randint(30, 400))
    low, high = QUANTITIES[template.kind]
    return {
        "credit_code": credit_code,
        "category_code": template.category_code,
        "title": f"{name}召回部分{template.product}",
        "recall_type": RecallType.ORDERED if rng.random() < 0.12 else RecallType.VOLUNTARY,
        "kind": template.kind,
        "product_name": template.product,
        "models": models_text(rng, template, brand),
        "production_start_on": end - timedelta(days=rng.randint(60, 720)),
        "production_end_on": end,
        "quantity": rng.randint(low, high),
        "defect": template.defect,
        "hazard": template.hazard,
        "remedy": template.remedy,
        "contact": f"{name}客服热线：400-000-{rng.randint(1000, 9999)}（工作日9:00至17:00）",
        "announced_on": announced_on,
    }


def number_recalls(recalls: list[dict]) -> list[dict]:
    """Number recalls 沪召〔2025〕1号 … in order of announcement within each year."""
    recalls.sort(
        key=lambda recall: (recall["announced_on"], recall["product_name"], recall["defect"])
    )
    for year, of_year in groupby(recalls, key=lambda recall: recall["announced_on"].year):
        for serial, recall in enumerate(of_year, start=1):
            recall["number"] = vocab.RECALL_NUMBER.format(year=year, serial=serial)
    return recalls


def build_recalls(seed: int, pools: dict[str, list[EnterpriseDraft]]) -> list[dict]:
    """About fifty recalls from distinct templates, the same numbers at every scale."""
    rng = derive(seed, "recalls")
    templates = rng.sample(vocab.RECALL_TEMPLATES, RECALL_COUNT)
    days = [random_day(rng, FIRST_DAY, LAST_DAY) for _ in templates]
    recalls = [
        make_recall(derive(seed, "recall", i), template, day, pools)
        for i, (template, day) in enumerate(zip(templates, days, strict=True))
    ]
    return number_recalls(recalls)
