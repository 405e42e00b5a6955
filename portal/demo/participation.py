"""The yearly spot-check plan and demo submissions with their status timelines."""

import random
from datetime import date, datetime, time, timedelta

from portal.demo import vocabulary as vocab
from portal.demo.campaigns import adopted_plan_keys
from portal.demo.data.submissions import TEMPLATES, SubmissionTemplate
from portal.demo.randomness import derive, publish_time, random_day
from portal.demo.schedule import category_weight
from portal.demo.specs import CategorySpec
from portal.models import SubmissionKind, SubmissionStatus

# Plan year -> day the plan was published.
PLAN_YEARS = {2026: date(2026, 1, 12), 2027: date(2026, 11, 16)}
PLAN_SIZE = 60
PLANNED_BATCHES = {"高": (40, 90), "中": (25, 55), "低": (15, 35)}
SCOPE_FOCUS = (
    "以生产领域为主，兼顾流通领域",
    "加大电子商务平台销售产品抽查力度",
    "覆盖上年度抽查不合格企业",
    "关注小微企业和城乡结合部经营单位",
    "结合季节性消费特点安排抽样时间",
)
ACCESS_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
FINAL_STATUSES = (SubmissionStatus.ANSWERED, SubmissionStatus.ADOPTED, SubmissionStatus.DECLINED)


def plan_codes(seed: int, year: int, forced: set[str]) -> list[str]:
    """Key products, categories fed by adopted suggestions, then the riskiest others."""
    rng = derive(seed, "plan", year)
    chosen = [spec.code for spec in vocab.CATEGORIES if spec.is_key_product or spec.code in forced]
    others = [spec for spec in vocab.CATEGORIES if spec.code not in chosen]
    ranked = sorted(others, key=lambda spec: -category_weight(spec) * rng.uniform(0.5, 1.5))
    chosen += [spec.code for spec in ranked[: max(0, PLAN_SIZE - len(chosen))]]
    return sorted(chosen)


def rationale(rng: random.Random, spec: CategorySpec) -> str:
    """Why the category is in the plan."""
    reasons = []
    if spec.is_key_product:
        reasons.append("列入重点工业产品质量安全监管目录")
    if spec.risk_level == "高":
        reasons.append("涉及人身健康和财产安全的高风险产品")
    if spec.failure_rate >= 0.1 or rng.random() < 0.3:
        reasons.append("上年度监督抽查不合格发现率较高")
    if rng.random() < 0.4:
        reasons.append("消费者投诉举报较为集中")
    return "；".join(reasons or ["保持日常监督抽查覆盖"]) + "。"


def plan_item(rng: random.Random, spec: CategorySpec, year: int) -> dict:
    """One line of a year's plan; the category is referenced by code."""
    low, high = PLANNED_BATCHES[spec.risk_level]
    items = "、".join(spec.test_items[:2])
    published = publish_time(PLAN_YEARS[year])
    return {
        "year": year,
        "category_code": spec.code,
        "planned_batches": rng.randrange(low, high + 1, 5),
        "focus": f"重点检验{items}等项目；{rng.choice(SCOPE_FOCUS)}。",
        "rationale": rationale(rng, spec),
        "created_at": published,
        "updated_at": published,
    }


def build_plan(seed: int, submissions: list[dict]) -> list[dict]:
    """About sixty plan items for each plan year, including those suggestions and votes fed."""
    fed = [item["plan_key"] for item in submissions if item["plan_key"]]
    fed += adopted_plan_keys(seed)
    items = []
    for year in PLAN_YEARS:
        rng = derive(seed, "plan-items", year)
        codes = plan_codes(seed, year, {code for plan_year, code in fed if plan_year == year})
        items += [plan_item(rng, vocab.CATEGORIES_BY_CODE[code], year) for code in codes]
    return items


def demo_access_code(tracking_number: str, seed: int) -> str:
    """The deterministic access code of a demo submission (stored only as a hash)."""
    rng = derive(seed, "access", tracking_number)
    return "".join(rng.choice(ACCESS_CODE_ALPHABET) for _ in range(8))


def timeline(rng: random.Random, template: SubmissionTemplate, tracking: str, start: datetime):
    """(status, note, time) steps from 已受理 to the status the template reached."""
    forwarded = (
        "已转交属地市场监督管理局核查处理。"
        if template.kind == SubmissionKind.COMPLAINT
        else "已转交质量监督处研究办理。"
    )
    received = start + timedelta(minutes=rng.randint(5, 240))
    steps = [(SubmissionStatus.RECEIVED, f"已受理，受理编号{tracking}。", received)]
    if template.final_status != SubmissionStatus.RECEIVED:
        in_progress = received + timedelta(days=rng.randint(1, 3), hours=rng.randint(0, 6))
        steps.append((SubmissionStatus.IN_PROGRESS, forwarded, in_progress))
    if template.final_status in FINAL_STATUSES:
        done = steps[-1][2] + timedelta(days=rng.randint(7, 25), hours=rng.randint(0, 6))
        steps.append((template.final_status, template.reply, done))
    return steps


def submission_day(rng: random.Random, template: SubmissionTemplate) -> date:
    """Finished submissions date from 2025 on; pending ones from November 2026."""
    if template.final_status in FINAL_STATUSES:
        return random_day(rng, date(2025, 3, 1), date(2026, 9, 30))
    return random_day(rng, date(2026, 11, 1), date(2026, 11, 15))


def make_submission(seed: int, index: int, template: SubmissionTemplate) -> dict:
    """One submission row with its events; category and plan item referenced by natural key."""
    rng = derive(seed, "submission", index)
    day = submission_day(rng, template)
    prefix = "JY" if template.kind == SubmissionKind.SUGGESTION else "TS"
    tracking = f"{prefix}{day:%Y%m%d}-{rng.randint(1, 40):04d}"
    start = datetime.combine(day, time(rng.randint(0, 11), rng.randint(0, 59)))
    events = timeline(rng, template, tracking, start)
    adopted = template.final_status == SubmissionStatus.ADOPTED
    return {
        "kind": template.kind,
        "tracking_number": tracking,
        "category_code": template.category_code,
        "plan_key": (events[-1][2].year + 1, template.category_code) if adopted else None,
        "product_name": template.product_name,
        "enterprise_name": template.enterprise_name,
        "text": template.text,
        "contact_name": template.contact_name,
        "contact_phone": template.contact_phone,
        "contact_email": template.contact_email,
        "status": events[-1][0],
        "public_reply": template.reply if template.final_status in FINAL_STATUSES else "",
        "is_spam": False,
        # Answered suggestions are published, so "我也想查这个" has something to offer.
        "is_public": template.kind == SubmissionKind.SUGGESTION
        and template.final_status in FINAL_STATUSES,
        "is_demo": True,
        "created_at": start,
        "updated_at": events[-1][2],
        "events": events,
    }


def build_submissions(seed: int) -> list[dict]:
    """The dozen demo submissions."""
    return [make_submission(seed, i, template) for i, template in enumerate(TEMPLATES)]
