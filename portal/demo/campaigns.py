"""Demo 你点我检 campaigns: a closed one whose winners fed next year's plan and an open one."""

import hashlib
import random
from dataclasses import dataclass, field
from datetime import datetime

from portal.demo.randomness import derive
from portal.models import CampaignStatus

# Campaign times are naive UTC, like the stored ones (Shanghai is UTC+8).
CLOSED_TITLE = "2027年度监督抽查“你点我检”产品征集"
OPEN_TITLE = "儿童用品“你点我检”专项投票"


@dataclass(frozen=True)
class CampaignSpec:
    """One demo campaign: its fields, choices (category codes with notes) and ballots."""

    title: str
    description: str
    starts_at: datetime
    ends_at: datetime
    status: str
    max_choices: int
    choices: tuple[tuple[str, str], ...]
    ballots: int
    # How many of the most-voted choices staff adopted into the plan of `plan_year`.
    adopted: int = 0
    plan_year: int = 0
    weights: tuple[float, ...] = field(default=())


CAMPAIGNS = (
    CampaignSpec(
        title=CLOSED_TITLE,
        description=(
            "您最关心哪些产品的质量？请从下列产品中选择最多 3 项。得票较多的产品将列入"
            "2027 年度产品质量监督抽查计划，抽查结果将在本平台公开。"
        ),
        starts_at=datetime(2026, 9, 1, 1, 0),
        ends_at=datetime(2026, 10, 31, 15, 59),
        status=CampaignStatus.CLOSED,
        max_choices=3,
        choices=(
            ("1003", "电动自行车火灾多发，关注电池安全"),
            ("1105", "入户安全，关注锁体强度和电子部分"),
            ("0908", "婴幼儿用品，关注材料安全"),
            ("0511", "日常防护，关注过滤效率"),
            ("0104", "关注发热和电气安全"),
            ("1108", "关注电池和信息安全"),
            ("0206", "关注甲醛释放量"),
            ("0203", "关注老化和耐压"),
        ),
        ballots=420,
        adopted=3,
        plan_year=2027,
        weights=(9, 7, 6, 3, 5, 4, 3, 2),
    ),
    CampaignSpec(
        title=OPEN_TITLE,
        description=(
            "寒假将至，哪些儿童用品最需要抽查？请选择最多 2 项，投票结果将作为"
            "2027 年上半年儿童用品专项抽查的参考。"
        ),
        starts_at=datetime(2026, 11, 15, 1, 0),
        ends_at=datetime(2027, 1, 31, 15, 59),
        status=CampaignStatus.OPEN,
        max_choices=2,
        choices=(
            ("0901", "关注小零件和增塑剂"),
            ("0911", "关注结构安全和制动"),
            ("0909", "关注碰撞防护"),
            ("0907", "关注有害物质"),
            ("0903", "关注绳带和色牢度"),
            ("0904", "关注折叠和制动装置"),
        ),
        ballots=136,
        weights=(6, 5, 4, 3, 3, 2),
    ),
)


def adopted_choices(spec: CampaignSpec, seed: int) -> list[tuple[str, int]]:
    """(category code, votes) of the choices staff adopted into the plan."""
    return ranked_choices(spec, seed)[: spec.adopted]


def adopted_plan_keys(seed: int) -> list[tuple[int, str]]:
    """(plan year, category code) of every plan line a demo campaign fed."""
    return [(spec.plan_year, code) for spec in CAMPAIGNS for code, _ in adopted_choices(spec, seed)]


def ballot_choices(spec: CampaignSpec, rng: random.Random) -> list[int]:
    """The positions one voter picks: one to max_choices of them, weighted."""
    count = rng.randint(1, spec.max_choices)
    picked: list[int] = []
    positions = list(range(len(spec.choices)))
    weights = list(spec.weights or [1] * len(positions))
    while len(picked) < count:
        position = rng.choices(positions, weights)[0]
        if position not in picked:
            picked.append(position)
    return sorted(picked)


def ballots_of(spec: CampaignSpec, seed: int) -> list[list[int]]:
    """Every demo ballot of a campaign as chosen positions."""
    rng = derive(seed, "campaign", spec.title)
    return [ballot_choices(spec, rng) for _ in range(spec.ballots)]


def ranked_choices(spec: CampaignSpec, seed: int) -> list[tuple[str, int]]:
    """(category code, votes) of a campaign's choices, most votes first."""
    votes = [0] * len(spec.choices)
    for ballot in ballots_of(spec, seed):
        for position in ballot:
            votes[position] += 1
    order = sorted(range(len(votes)), key=lambda position: (-votes[position], position))
    return [(spec.choices[position][0], votes[position]) for position in order]


def voter_id(seed: int, title: str, number: int) -> str:
    """A stable, anonymous voter id of a demo ballot."""
    return hashlib.sha256(f"{seed}|{title}|{number}".encode()).hexdigest()[:32]


def ballot_time(spec: CampaignSpec, rng: random.Random) -> datetime:
    """A moment within the campaign's voting period (open ones: before 2026-11-29)."""
    end = min(spec.ends_at, datetime(2026, 11, 28, 12, 0))
    return spec.starts_at + (end - spec.starts_at) * rng.random()
