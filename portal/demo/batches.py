"""Batch rows of one announcement: enterprise, product, model, dates, result, agency."""

import random
from datetime import date, timedelta

from portal.demo import vocabulary as vocab
from portal.demo.enterprises import EnterpriseDraft
from portal.demo.randomness import derive, random_day, render_pattern, weighted_sample
from portal.demo.schedule import Slot
from portal.demo.specs import Agency, CategorySpec
from portal.models import Result

# Share of batches that are a second sample of an enterprise already in the announcement.
REPEAT_SHARE = 0.1
FAILED_NOTES = (
    "企业对检验结果提出异议，经复检维持原检验结论。",
    "企业对检验结果无异议。",
    "企业已停止销售该批次产品并开展整改。",
)


def agencies_for(spec: CategorySpec) -> tuple[list[Agency], list[Agency]]:
    """Specialist agencies covering the category, and general ones."""
    covers = (spec.code, spec.group_code)
    specialists = [agency for agency in vocab.AGENCIES if set(agency.covers) & set(covers)]
    general = [agency for agency in vocab.AGENCIES if not agency.covers]
    return specialists, general


def pick_agencies(rng: random.Random, spec: CategorySpec) -> tuple[Agency, Agency]:
    """The announcement's main agency and the one that tests the overflow."""
    specialists, general = agencies_for(spec)
    main = rng.choice(specialists) if specialists and rng.random() < 0.8 else rng.choice(general)
    return main, rng.choice(general)


def pick_enterprises(rng: random.Random, pool: list, count: int) -> list[EnterpriseDraft]:
    """Mostly distinct enterprises of the pool, some sampled twice."""
    fresh = iter(rng.sample(pool, len(pool)))
    chosen: list[EnterpriseDraft] = []
    for _ in range(count):
        repeat = chosen and rng.random() < REPEAT_SHARE
        enterprise = rng.choice(chosen) if repeat else next(fresh, None)
        chosen.append(enterprise or rng.choice(pool))
    return chosen


def failed_items(rng: random.Random, spec: CategorySpec) -> list[str]:
    """One to three test items, the first-listed (most common) failing more often."""
    count = rng.choices((1, 2, 3), weights=(70, 22, 8))[0]
    weights = [len(spec.test_items) - i for i in range(len(spec.test_items))]
    picked = set(weighted_sample(rng, spec.test_items, weights, count))
    return [item for item in spec.test_items if item in picked]


def production_fields(rng: random.Random, produced_on: date, style: str) -> dict:
    """Either a 批号 or a 生产日期, as the group's announcements print them."""
    if style == "date":
        return {"batch_code": None, "produced_on": produced_on}
    formats = (
        "{:%Y%m%d}",
        "{:%y%m%d}" + rng.choice("ABCDE"),
        "B{:%y%m%d}-0" + str(rng.randint(1, 9)),
    )
    return {"batch_code": rng.choice(formats).format(produced_on), "produced_on": None}


def report_number(agency: Agency, slot: Slot, serial: int) -> str:
    """Test report number: agency prefix, year, category code and half, serial."""
    return f"{agency.prefix}{slot.year}-{slot.spec.code}{slot.half}-{serial:04d}"


def make_batch(rng: random.Random, slot: Slot, enterprise: EnterpriseDraft, context: dict) -> dict:
    """One batch row; enterprise and announcement are referenced by natural key."""
    spec = slot.spec
    sampled_on = random_day(rng, slot.period_start_on, slot.period_end_on)
    produced_on = sampled_on - timedelta(days=rng.randint(3, 240))
    failed = rng.random() < context["failure_rate"]
    agency = context["agencies"][0 if rng.random() < 0.8 else 1]
    context["serial"] += rng.randint(1, 3)
    product = rng.choice(spec.product_names)
    return {
        "credit_code": enterprise.credit_code,
        "product_name": product,
        "brand": rng.choice(enterprise.brands),
        "model_spec": render_pattern(spec.pattern_for(product), rng),
        **production_fields(rng, produced_on, context["style"]),
        "result": Result.FAIL if failed else Result.PASS,
        "failed_items": failed_items(rng, spec) if failed else [],
        "agency": agency.name,
        "district": enterprise.district,
        "report_number": report_number(agency, slot, context["serial"]),
        "note": rng.choice(FAILED_NOTES) if failed and rng.random() < 0.3 else None,
    }


def build_batches(seed: int, slot: Slot, count: int, pool: list[EnterpriseDraft]) -> list[dict]:
    """The batch rows of one announcement, from its own seeded random stream."""
    rng = derive(seed, "batches", slot.number)
    context = {
        "agencies": pick_agencies(rng, slot.spec),
        "failure_rate": slot.spec.failure_rate * rng.uniform(0.6, 1.4),
        "style": vocab.GROUPS_BY_CODE[slot.spec.group_code].batch_style,
        "serial": rng.randint(1, 300),
    }
    enterprises = pick_enterprises(rng, pool, count)
    return [make_batch(rng, slot, enterprise, context) for enterprise in enterprises]
