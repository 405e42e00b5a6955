"""Idempotent bulk writes of demo content: insert only rows whose natural key is missing."""

from collections.abc import Iterable
from functools import lru_cache

from sqlalchemy import insert, select
from werkzeug.security import generate_password_hash

from portal.data import CATALOGUE_CSV
from portal.demo import vocabulary as vocab
from portal.demo.campaigns import (
    CAMPAIGNS,
    CampaignSpec,
    adopted_choices,
    ballot_time,
    ballots_of,
    voter_id,
)
from portal.demo.content import AnnouncementDraft, published_fields
from portal.demo.participation import demo_access_code
from portal.demo.randomness import derive, publish_time
from portal.extensions import db
from portal.models import (
    Announcement,
    Batch,
    Campaign,
    CampaignBallot,
    CampaignChoice,
    CampaignStatus,
    CampaignVote,
    ChoiceKind,
    Enterprise,
    PlanItem,
    ProductCategory,
    Recall,
    Submission,
    SubmissionEvent,
)
from portal.services.catalog import import_catalog

CHUNK_SIZE = 5000


def insert_rows(model: type, rows: list[dict]) -> int:
    """Bulk-insert rows in chunks; return how many were inserted."""
    for start in range(0, len(rows), CHUNK_SIZE):
        db.session.execute(insert(model), rows[start : start + CHUNK_SIZE])
    return len(rows)


def key_to_id(*columns) -> dict:
    """Map the natural key (one column or a tuple of columns) of stored rows to their id."""
    rows = db.session.execute(select(*columns)).all()
    if len(columns) == 2:
        return {row[0]: row[1] for row in rows}
    return {tuple(row[:-1]): row[-1] for row in rows}


def without(row: dict, keys: Iterable[str]) -> dict:
    """A copy of the row without the natural-key helper fields."""
    return {key: value for key, value in row.items() if key not in keys}


def store_categories() -> tuple[int, dict[str, int]]:
    """Load the shipped catalogue if demo categories are missing; return the count, code -> id."""
    by_code = key_to_id(ProductCategory.code, ProductCategory.id)
    inserted = 0
    if any(spec.code not in by_code for spec in vocab.CATEGORIES):
        result = import_catalog(CATALOGUE_CSV.read_bytes(), CATALOGUE_CSV.name)
        inserted = len(result.created)
        by_code = key_to_id(ProductCategory.code, ProductCategory.id)
    return inserted, {spec.code: by_code[spec.code] for spec in vocab.CATEGORIES}


def store_enterprises(rows: list[dict]) -> tuple[int, dict[str, int]]:
    """Insert enterprises whose credit code is new; return the count and code -> id."""
    existing = key_to_id(Enterprise.credit_code, Enterprise.id)
    new_rows = [row | {"is_demo": True} for row in rows if row["credit_code"] not in existing]
    inserted = insert_rows(Enterprise, new_rows)
    return inserted, key_to_id(Enterprise.credit_code, Enterprise.id)


def store_announcements(drafts: list[AnnouncementDraft], categories: dict, enterprises: dict):
    """Insert new announcements and, only for them, their batches; return both counts."""
    existing = key_to_id(Announcement.number, Announcement.id)
    new = [draft for draft in drafts if draft.row["number"] not in existing]
    rows = [{**draft.row, "category_id": categories[draft.slot.spec.code]} for draft in new]
    inserted = insert_rows(Announcement, rows)
    ids = key_to_id(Announcement.number, Announcement.id)
    batches = [
        {
            **without(batch, ("credit_code",)),
            "announcement_id": ids[draft.row["number"]],
            "category_id": categories[draft.slot.spec.code],
            "enterprise_id": enterprises[batch["credit_code"]],
        }
        for draft in new
        for batch in draft.batches
    ]
    return inserted, insert_rows(Batch, batches)


def store_recalls(recalls: list[dict], categories: dict, enterprises: dict) -> int:
    """Insert recalls whose number is new."""
    existing = key_to_id(Recall.number, Recall.id)
    rows = [
        {
            **without(recall, ("credit_code", "category_code")),
            "category_id": categories.get(recall["category_code"]),
            "enterprise_id": enterprises.get(recall["credit_code"]),
            **published_fields(publish_time(recall["announced_on"])),
        }
        for recall in recalls
        if recall["number"] not in existing
    ]
    return insert_rows(Recall, rows)


def store_plan(items: list[dict], categories: dict) -> tuple[int, dict]:
    """Insert plan items missing for their (year, category); return the count and key -> id."""
    existing = key_to_id(PlanItem.year, PlanItem.category_id, PlanItem.id)
    rows = [
        {**without(item, ("category_code",)), "category_id": categories[item["category_code"]]}
        for item in items
        if (item["year"], categories[item["category_code"]]) not in existing
    ]
    inserted = insert_rows(PlanItem, rows)
    return inserted, key_to_id(PlanItem.year, PlanItem.category_id, PlanItem.id)


def store_submissions(seed: int, submissions: list[dict], categories: dict, plan: dict):
    """Insert new submissions (access code hashed) and their events; return both counts."""
    existing = key_to_id(Submission.tracking_number, Submission.id)
    new = [item for item in submissions if item["tracking_number"] not in existing]
    rows = [submission_row(seed, item, categories, plan) for item in new]
    inserted = insert_rows(Submission, rows)
    ids = key_to_id(Submission.tracking_number, Submission.id)
    events = [
        {"submission_id": ids[item["tracking_number"]], "status": status, "note": note}
        | {"created_at": when, "user_id": None}
        for item in new
        for status, note, when in item["events"]
    ]
    return inserted, insert_rows(SubmissionEvent, events)


def submission_row(seed: int, item: dict, categories: dict, plan: dict) -> dict:
    """The stored columns of a submission, with its hashed access code and plan link."""
    code = item["category_code"]
    category_id = categories.get(code) if code else None
    plan_key = item["plan_key"]
    return {
        **without(item, ("category_code", "plan_key", "events")),
        "category_id": category_id,
        "plan_item_id": plan.get((plan_key[0], category_id)) if plan_key else None,
        "access_code_hash": access_code_hash(item["tracking_number"], seed),
    }


@lru_cache(maxsize=64)
def access_code_hash(tracking_number: str, seed: int) -> str:
    """Salted hash of a demo access code, computed once per process (hashing is slow by design)."""
    return generate_password_hash(demo_access_code(tracking_number, seed))


def store_campaigns(seed: int, categories: dict, plan: dict) -> tuple[int, int]:
    """Insert demo campaigns whose title is new, their ballots and plan links; return counts."""
    existing = set(db.session.scalars(select(Campaign.title)))
    new = [spec for spec in CAMPAIGNS if spec.title not in existing]
    ballots = 0
    for spec in new:
        campaign = Campaign(**campaign_fields(spec))
        campaign.choices = [
            CampaignChoice(
                kind=ChoiceKind.CATEGORY,
                label=vocab.CATEGORIES_BY_CODE[code].name,
                note=note,
                category_id=categories[code],
                position=position,
            )
            for position, (code, note) in enumerate(spec.choices)
        ]
        db.session.add(campaign)
        db.session.flush()
        ballots += store_ballots(seed, spec, campaign)
        link_adopted_choices(seed, spec, campaign, categories, plan)
    return len(new), ballots


def campaign_fields(spec: CampaignSpec) -> dict:
    """The stored columns of a demo campaign."""
    return {
        "title": spec.title,
        "description": spec.description,
        "starts_at": spec.starts_at,
        "ends_at": spec.ends_at,
        "status": spec.status,
        "max_choices": spec.max_choices,
        "created_at": spec.starts_at,
        "updated_at": spec.ends_at if spec.status == CampaignStatus.CLOSED else spec.starts_at,
    }


def store_ballots(seed: int, spec: CampaignSpec, campaign: Campaign) -> int:
    """Insert the campaign's demo ballots and one vote row per chosen option."""
    rng = derive(seed, "ballot-times", spec.title)
    choice_ids = [choice.id for choice in campaign.choices]
    picks = ballots_of(spec, seed)
    rows = [
        {
            "campaign_id": campaign.id,
            "voter_id": voter_id(seed, spec.title, number),
            "client_hash": voter_id(seed, "client", number),
            "created_at": ballot_time(spec, rng),
        }
        for number in range(len(picks))
    ]
    insert_rows(CampaignBallot, rows)
    ballot_ids = key_to_id(CampaignBallot.voter_id, CampaignBallot.id)
    votes = [
        {
            "ballot_id": ballot_ids[row["voter_id"]],
            "campaign_id": campaign.id,
            "choice_id": choice_ids[position],
            "voter_id": row["voter_id"],
        }
        for row, chosen in zip(rows, picks, strict=True)
        for position in chosen
    ]
    insert_rows(CampaignVote, votes)
    return len(rows)


def link_adopted_choices(
    seed: int, spec: CampaignSpec, campaign: Campaign, categories: dict, plan: dict
) -> None:
    """Point the plan lines fed by the campaign's winning choices back at those choices."""
    by_category = {choice.category_id: choice for choice in campaign.choices}
    for code, votes in adopted_choices(spec, seed):
        choice = by_category[categories[code]]
        item = db.session.get(PlanItem, plan[(spec.plan_year, choice.category_id)])
        item.campaign_choice_id = choice.id
        item.rationale = f"你点我检“{spec.title}”：{choice.label}（{votes} 票）"
