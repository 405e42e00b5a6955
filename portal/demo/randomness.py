"""Seeded randomness and small helpers shared by the demo builders."""

import random
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

# Issue days are published at 09:00 Shanghai time, stored as naive UTC.
PUBLISH_TIME_UTC = time(1, 0)
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_LETTERS = "ABCDEFGHJKLMNPRSTUWXY"


def derive(seed: int, *labels: object) -> random.Random:
    """A random.Random seeded from the demo seed and labels, stable across runs and machines."""
    return random.Random(":".join(str(part) for part in (seed, *labels)))


def render_pattern(pattern: str, rng: random.Random) -> str:
    """Fill {a|b|c} choices, {n1}…{n4} digits and {L} letters of a model/spec pattern."""

    def fill(match: re.Match) -> str:
        """Replace one placeholder."""
        field = match.group(1)
        if "|" in field or not field:
            return rng.choice(field.split("|"))
        if field == "L":
            return rng.choice(_LETTERS)
        if field.startswith("n") and field[1:].isdigit():
            width = int(field[1:])
            return str(rng.randrange(10 ** (width - 1), 10**width))
        return field

    return _PLACEHOLDER.sub(fill, pattern)


def random_day(rng: random.Random, start: date, end: date) -> date:
    """A day between start and end, both included."""
    return start + timedelta(days=rng.randint(0, (end - start).days))


def publish_time(day: date) -> datetime:
    """Naive UTC datetime of 09:00 Shanghai on the given day."""
    return datetime.combine(day, PUBLISH_TIME_UTC)


def weighted_sample(rng: random.Random, items: Sequence, weights: Sequence[float], k: int) -> list:
    """Pick k distinct items, each draw proportional to the remaining weights."""
    pool = list(zip(items, weights, strict=True))
    picked = []
    for _ in range(min(k, len(pool))):
        index = rng.choices(range(len(pool)), weights=[weight for _, weight in pool])[0]
        picked.append(pool.pop(index)[0])
    return picked


def percent(part: int, whole: int) -> str:
    """Percentage with one decimal, as printed in announcements ("12.5")."""
    return f"{part * 100 / whole:.1f}" if whole else "0.0"
