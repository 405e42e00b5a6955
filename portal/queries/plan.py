"""Read side of the yearly spot-check plan and the public suggestion aggregates."""

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import extract, func, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import (
    Announcement,
    Batch,
    CampaignVote,
    PlanItem,
    ProductCategory,
    Submission,
    SubmissionKind,
    SubmissionStatus,
)
from portal.queries.common import is_live


@dataclass(frozen=True)
class Count:
    """How many suggestions share one value."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class SuggestionFigures:
    """Counts of a year's suggestions: totals only, never contents or contacts."""

    total: int = 0
    by_status: list[Count] = field(default_factory=list)
    by_category: list[Count] = field(default_factory=list)


def plan_items(year: int) -> list[PlanItem]:
    """The plan lines of a year in category-code order, or NotFoundError."""
    items = list(
        db.session.scalars(
            select(PlanItem)
            .join(PlanItem.category)
            .where(PlanItem.year == year)
            .order_by(ProductCategory.code)
        )
    )
    if not items:
        raise NotFoundError(_("%(year)s 年的监督抽查计划尚未公布。", year=year))
    return items


def adopted_counts(items: list[PlanItem]) -> dict[int, int]:
    """Number of adopted suggestions that fed each plan line."""
    rows = db.session.execute(
        select(Submission.plan_item_id, func.count(Submission.id))
        .where(
            Submission.plan_item_id.in_([item.id for item in items]),
            Submission.status == SubmissionStatus.ADOPTED,
        )
        .group_by(Submission.plan_item_id)
    )
    return dict(rows.all())


def _public_suggestions(year: int) -> list:
    """Conditions: non-spam suggestions filed in a year."""
    return [
        Submission.kind == SubmissionKind.SUGGESTION,
        Submission.is_spam.is_(False),
        extract("year", Submission.created_at) == year,
    ]


def suggestion_figures(year: int) -> SuggestionFigures:
    """Counts of a year's suggestions by status and by category."""
    conditions = _public_suggestions(year)
    statuses = dict(
        db.session.execute(
            select(Submission.status, func.count(Submission.id))
            .where(*conditions)
            .group_by(Submission.status)
        ).all()
    )
    by_status = [Count(s, s, statuses[s]) for s in SubmissionStatus.ALL if statuses.get(s)]
    categories = db.session.execute(
        select(ProductCategory.code, ProductCategory.name, func.count(Submission.id))
        .join(Submission.category)
        .where(*conditions)
        .group_by(ProductCategory.code, ProductCategory.name)
        .order_by(func.count(Submission.id).desc(), ProductCategory.code)
    )
    by_category = [Count(code, name, count) for code, name, count in categories]
    return SuggestionFigures(sum(statuses.values()), by_status, by_category)


@dataclass(frozen=True)
class AnnouncementResult:
    """A published announcement under a plan item, with its batches and their outcome."""

    announcement: Announcement
    batches: list[Batch]
    sampled: int
    failed: int


@dataclass(frozen=True)
class PlanItemResults:
    """A plan item with the published announcements linked to it and their batch results."""

    plan_item: PlanItem
    announcements: list[AnnouncementResult]

    @property
    def sampled(self) -> int:
        """Batches sampled under the plan item so far."""
        return sum(entry.sampled for entry in self.announcements)

    @property
    def failed(self) -> int:
        """Batches that failed under the plan item so far."""
        return sum(entry.failed for entry in self.announcements)


def plan_item_results(plan_item: PlanItem) -> PlanItemResults:
    """The plan item, its published announcements (newest first) and their batches' results."""
    announcements = db.session.scalars(
        select(Announcement)
        .where(Announcement.plan_item_id == plan_item.id, is_live(Announcement))
        .order_by(Announcement.issued_on.desc(), Announcement.id.desc())
    )
    entries = []
    for announcement in announcements:
        batches = list(announcement.batches)
        failed = sum(1 for batch in batches if batch.is_failed)
        entries.append(AnnouncementResult(announcement, batches, len(batches), failed))
    return PlanItemResults(plan_item, entries)


@dataclass(frozen=True)
class PlanTrack:
    """One plan line on /plan/<year>: what fed it and what came of it."""

    item: PlanItem
    adopted_suggestions: int
    suggestions: int
    votes: int
    results: PlanItemResults

    def __getattr__(self, name: str):
        """The plan item's own fields (id, category, planned_batches, focus, rationale)."""
        if name in ("id", "category", "planned_batches", "focus", "rationale", "campaign_choice"):
            return getattr(self.item, name)
        raise AttributeError(name)


def vote_counts(items: list[PlanItem]) -> dict[int, int]:
    """Campaign votes for the choice each plan item was adopted from."""
    by_choice = {item.campaign_choice_id: item.id for item in items if item.campaign_choice_id}
    rows = db.session.execute(
        select(CampaignVote.choice_id, func.count(CampaignVote.id))
        .where(CampaignVote.choice_id.in_(list(by_choice)))
        .group_by(CampaignVote.choice_id)
    )
    return {by_choice[choice_id]: count for choice_id, count in rows.all()}


def suggestion_counts(items: list[PlanItem]) -> dict[int, int]:
    """Non-spam suggestions linked to each plan item."""
    rows = db.session.execute(
        select(Submission.plan_item_id, func.count(Submission.id))
        .where(
            Submission.plan_item_id.in_([item.id for item in items]),
            Submission.kind == SubmissionKind.SUGGESTION,
            Submission.is_spam.is_(False),
        )
        .group_by(Submission.plan_item_id)
    )
    return dict(rows.all())


def plan_tracks(year: int) -> list[PlanTrack]:
    """Every line of a year's plan with its suggestions, votes and results so far."""
    items = plan_items(year)
    adopted, suggestions, votes = (
        adopted_counts(items),
        suggestion_counts(items),
        vote_counts(items),
    )
    return [
        PlanTrack(
            item,
            adopted.get(item.id, 0),
            suggestions.get(item.id, 0),
            votes.get(item.id, 0),
            plan_item_results(item),
        )
        for item in items
    ]


def staff_plan_items(year: int) -> list[PlanItem]:
    """A year's plan items for staff (possibly none), in category-code order."""
    return list(
        db.session.scalars(
            select(PlanItem)
            .join(PlanItem.category)
            .where(PlanItem.year == year)
            .order_by(ProductCategory.code, PlanItem.id)
        )
    )


def linked_announcements(items: list[PlanItem]) -> dict[int, list[Announcement]]:
    """Announcements (any status) linked to each plan item, for staff."""
    linked: dict[int, list[Announcement]] = {item.id: [] for item in items}
    rows = db.session.scalars(
        select(Announcement)
        .where(Announcement.plan_item_id.in_(list(linked)))
        .order_by(Announcement.issued_on.desc())
    )
    for announcement in rows:
        linked[announcement.plan_item_id].append(announcement)
    return linked


def announcement_by_number(number: str) -> Announcement:
    """The announcement with this number (any status), or NotFoundError."""
    found = db.session.scalar(select(Announcement).where(Announcement.number == number.strip()))
    if found is None:
        raise NotFoundError(_("没有编号为“%(number)s”的公告。", number=number.strip()))
    return found


def plan_item_by_id(plan_item_id: int) -> PlanItem:
    """A plan item by id, or NotFoundError."""
    item = db.session.get(PlanItem, plan_item_id) if 0 < plan_item_id < 2**31 else None
    if item is None:
        raise NotFoundError(_("没有找到该计划项目。"))
    return item


def plan_announcement_query(year: int):
    """Published announcements linked to a year's plan items, newest first (the plan feed)."""
    return (
        select(Announcement)
        .join(PlanItem, Announcement.plan_item_id == PlanItem.id)
        .where(PlanItem.year == year, is_live(Announcement))
        .order_by(Announcement.issued_on.desc(), Announcement.id.desc())
    )
