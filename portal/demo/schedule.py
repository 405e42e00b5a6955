"""The announcement calendar: which category is announced when, under which number, how big."""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from itertools import groupby

from portal.demo import vocabulary as vocab
from portal.demo.randomness import derive, random_day
from portal.demo.specs import CategorySpec

HALF_YEARS = ((2024, 1), (2024, 2), (2025, 1), (2025, 2), (2026, 1), (2026, 2))
# Batches sampled per half-year and enterprises in the pool at scale 1.0.
BATCHES_PER_HALF_YEAR = 2800
ENTERPRISES_AT_SCALE_ONE = 4000
ENTERPRISE_CAP = 15000
MIN_BATCHES_PER_ANNOUNCEMENT = 3
MIN_POOL_SIZE = 4
SCOPES = (("生产", 75), ("流通", 15), ("电商", 10))


@dataclass(frozen=True)
class Slot:
    """One announcement of the calendar: a category in a half-year."""

    year: int
    half: int
    spec: CategorySpec
    scope: str
    issued_on: date
    period_start_on: date
    period_end_on: date
    number: str = ""


def category_weight(spec: CategorySpec) -> float:
    """Relative share of batches: riskier and key products are sampled more."""
    return vocab.RISK_WEIGHTS[spec.risk_level] * (vocab.KEY_WEIGHT if spec.is_key_product else 1)


def issue_window(year: int, half: int) -> tuple[date, date, date]:
    """First and last issue day of a half-year, and the earliest sampling day."""
    if half == 1:
        return date(year, 4, 20), date(year, 6, 28), date(year, 1, 6)
    return date(year, 9, 1), date(year, 11, 20), date(year, 7, 1)


def make_slot(rng: random.Random, year: int, half: int, spec: CategorySpec) -> Slot:
    """Dates and scope of one announcement."""
    first, last, floor = issue_window(year, half)
    issued_on = random_day(rng, first, last)
    period_end_on = issued_on - timedelta(days=rng.randint(12, 40))
    period_start_on = max(floor, period_end_on - timedelta(days=rng.randint(30, 75)))
    scopes, weights = zip(*SCOPES, strict=True)
    scope = rng.choices(scopes, weights=weights)[0]
    return Slot(year, half, spec, scope, issued_on, period_start_on, period_end_on)


def number_slots(rng: random.Random, slots: list[Slot]) -> list[Slot]:
    """Give each announcement a 文号, in issue order within each year, with small gaps."""
    numbered = []
    ordered = sorted(slots, key=lambda slot: (slot.issued_on, slot.spec.code))
    for year, of_year in groupby(ordered, key=lambda slot: slot.year):
        serial = rng.randint(3, 12)
        for slot in of_year:
            number = vocab.ANNOUNCEMENT_NUMBER.format(year=year, serial=serial)
            numbered.append(replace(slot, number=number))
            serial += rng.choice((1, 1, 1, 1, 2, 3))
    return numbered


def build_schedule(seed: int) -> list[Slot]:
    """Every category in every half-year; the same at every scale."""
    rng = derive(seed, "schedule")
    slots = [make_slot(rng, y, h, spec) for y, h in HALF_YEARS for spec in vocab.CATEGORIES]
    return number_slots(rng, slots)


def selected_codes(seed: int, scale: float) -> set[str]:
    """The categories announced at this scale: all at 1.0, the highest-priority few below."""
    count = min(len(vocab.CATEGORIES), max(2, round(len(vocab.CATEGORIES) * scale)))
    rng = derive(seed, "priority")
    keys = [(category_weight(spec) * rng.uniform(0.6, 1.4), spec.code) for spec in vocab.CATEGORIES]
    return {code for _, code in sorted(keys, reverse=True)[:count]}


def batch_counts(seed: int, scale: float, slots: list[Slot]) -> dict[str, int]:
    """Number of batches per announcement number, about 2,800 × scale per half-year."""
    total = BATCHES_PER_HALF_YEAR * scale
    counts = {}
    for _, of_half in groupby(slots, key=lambda slot: (slot.year, slot.half)):
        chosen = list(of_half)
        weight_sum = sum(category_weight(slot.spec) for slot in chosen)
        for slot in chosen:
            jitter = derive(seed, "size", slot.number).uniform(0.8, 1.2)
            share = total * category_weight(slot.spec) / weight_sum * jitter
            counts[slot.number] = max(MIN_BATCHES_PER_ANNOUNCEMENT, round(share))
    return counts


def pool_sizes(scale: float, codes: set[str]) -> dict[str, int]:
    """Enterprises per selected category: about 4,000 × scale in all, capped."""
    total = min(round(ENTERPRISES_AT_SCALE_ONE * scale), ENTERPRISE_CAP)
    weights = {code: category_weight(vocab.CATEGORIES_BY_CODE[code]) for code in sorted(codes)}
    weight_sum = sum(weights.values())
    return {code: max(MIN_POOL_SIZE, round(total * w / weight_sum)) for code, w in weights.items()}


def plan_calendar(seed: int, scale: float) -> tuple[list[Slot], dict[str, int], dict[str, int]]:
    """Announcements to build at this scale, their batch counts and the enterprise pool sizes."""
    codes = selected_codes(seed, scale)
    slots = [slot for slot in build_schedule(seed) if slot.spec.code in codes]
    slots.sort(key=lambda slot: (slot.year, slot.half, slot.issued_on, slot.spec.code))
    return slots, batch_counts(seed, scale, slots), pool_sizes(scale, codes)
