"""Everything the demo inserts, built in memory first from the seed and the scale."""

from dataclasses import dataclass
from datetime import datetime

from portal.demo import texts
from portal.demo.batches import build_batches
from portal.demo.enterprises import EnterpriseDraft, build_pools
from portal.demo.randomness import publish_time
from portal.demo.recalls import build_recalls
from portal.demo.schedule import Slot, plan_calendar


@dataclass(frozen=True)
class AnnouncementDraft:
    """An announcement row and its batch rows, referencing others by natural key."""

    slot: Slot
    row: dict
    batches: list[dict]


@dataclass(frozen=True)
class Content:
    """The generated demo content of one seed and scale."""

    announcements: list[AnnouncementDraft]
    enterprises: list[dict]
    recalls: list[dict]


def published_fields(when: datetime) -> dict:
    """Publication columns of demo content published at the given time."""
    return {
        "status": "published",
        "is_demo": True,
        "published_at": when,
        "created_at": when,
        "updated_at": when,
    }


def build_announcement(seed: int, slot: Slot, count: int, pool: list) -> AnnouncementDraft:
    """An announcement whose summary and body quote the counts of its own batches."""
    batches = build_batches(seed, slot, count, pool)
    published = publish_time(slot.issued_on)
    for batch in batches:
        batch["created_at"] = batch["updated_at"] = published
    stats = texts.batch_stats(batches)
    row = {
        "number": slot.number,
        "title": texts.title(slot),
        "scope": slot.scope,
        "period_start_on": slot.period_start_on,
        "period_end_on": slot.period_end_on,
        "issued_on": slot.issued_on,
        "summary": texts.summary(slot, stats),
        "body": texts.body(slot, stats),
        **published_fields(published),
    }
    return AnnouncementDraft(slot, row, batches)


def appearances(announcements: list[AnnouncementDraft], recalls: list[dict]) -> dict:
    """First and last publication time of every enterprise that appears somewhere."""
    seen: dict[str, tuple[datetime, datetime]] = {}
    events = [(d.row["published_at"], b["credit_code"]) for d in announcements for b in d.batches]
    events += [(publish_time(r["announced_on"]), r["credit_code"]) for r in recalls]
    for when, code in events:
        if code is None:
            continue
        first, last = seen.get(code, (when, when))
        seen[code] = (min(first, when), max(last, when))
    return seen


def enterprise_row(draft: EnterpriseDraft, first: datetime, last: datetime) -> dict:
    """The stored columns of an enterprise."""
    return {
        "credit_code": draft.credit_code,
        "name": draft.name,
        "address": draft.address,
        "district": draft.district,
        "licence_number": draft.licence_number,
        "created_at": first,
        "updated_at": last,
    }


def build_content(seed: int, scale: float) -> Content:
    """Announcements with batches, the enterprises they name, and recalls."""
    slots, counts, sizes = plan_calendar(seed, scale)
    pools = build_pools(seed, sizes)
    announcements = [
        build_announcement(seed, slot, counts[slot.number], pools[slot.spec.code]) for slot in slots
    ]
    recalls = build_recalls(seed, pools)
    drafts = {draft.credit_code: draft for pool in pools.values() for draft in pool}
    seen = appearances(announcements, recalls)
    enterprises = [enterprise_row(drafts[code], *seen[code]) for code in sorted(seen)]
    return Content(announcements, enterprises, recalls)
