"""Read side of the yearly spot-check plan and the public suggestion aggregates."""

from dataclasses import dataclass, field

from sqlalchemy import extract, func, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import (
    PlanItem,
    ProductCategory,
    Submission,
    SubmissionKind,
    SubmissionStatus,
)


@dataclass(frozen=True)
class Count:
    """How many suggestions share one value."""

    value: str
    label: str
    count: int


@dataclass(frozen=True)
class PlanLine:
    """One public line of a plan: no submission contents, only the adopted count."""

    category: ProductCategory
    planned_batches: int
    focus: str
    rationale: str
    adopted_suggestions: int


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
        raise NotFoundError(f"{year} 年的监督抽查计划尚未公布。")
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


def plan_lines(year: int) -> list[PlanLine]:
    """The public lines of a year's plan with their adopted-suggestion counts."""
    items = plan_items(year)
    adopted = adopted_counts(items)
    return [
        PlanLine(
            item.category,
            item.planned_batches,
            item.focus,
            item.rationale,
            adopted.get(item.id, 0),
        )
        for item in items
    ]


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
