"""Anonymised complaint counts by product category and month (complete months only)."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import select

from portal.extensions import db
from portal.models import ProductCategory, Submission, SubmissionKind
from portal.timeutil import local_midnight, local_today, to_local

UNCLASSIFIED = ("", "未分类")
MAX_MONTHS = 36


@dataclass(frozen=True)
class CategoryMonths:
    """One category's complaints in each month of the window."""

    code: str
    name: str
    total: int
    by_month: list[int]


@dataclass(frozen=True)
class ComplaintFigures:
    """Complaint counts over whole months: no contents, no contacts, no photos."""

    months: list[str] = field(default_factory=list)
    by_month: list[int] = field(default_factory=list)
    by_category: list[CategoryMonths] = field(default_factory=list)
    total: int = 0


def month_starts(count: int, today: date) -> list[date]:
    """The first days of the `count` whole months before today's month, oldest first."""
    year, month = today.year, today.month
    starts = []
    for _ in range(count + 1):
        starts.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return sorted(starts)


def utc_naive(day: date) -> datetime:
    """Local midnight of a day as the naive UTC datetime the database stores."""
    return local_midnight(day).astimezone(UTC).replace(tzinfo=None)


def complaint_rows(start: date, end: date) -> list[tuple]:
    """(filed at, category code, category name) of counted complaints in [start, end)."""
    stmt = (
        select(Submission.created_at, ProductCategory.code, ProductCategory.name)
        .outerjoin(Submission.category)
        .where(
            Submission.kind == SubmissionKind.COMPLAINT,
            Submission.is_spam.is_(False),
            Submission.merged_into_id.is_(None),
            Submission.created_at >= utc_naive(start),
            Submission.created_at < utc_naive(end),
        )
    )
    return list(db.session.execute(stmt).all())


def complaint_figures(months: int = 12, today: date | None = None) -> ComplaintFigures:
    """Complaints (spam and merged duplicates excluded) by category and month."""
    starts = month_starts(min(max(months, 1), MAX_MONTHS), today or local_today())
    labels = [f"{start:%Y-%m}" for start in starts[:-1]]
    index = {label: position for position, label in enumerate(labels)}
    table: dict[tuple[str, str], list[int]] = {}
    for created_at, code, name in complaint_rows(starts[0], starts[-1]):
        key = (code, name) if code else UNCLASSIFIED
        counts = table.setdefault(key, [0] * len(labels))
        counts[index[f"{to_local(created_at):%Y-%m}"]] += 1
    categories = [
        CategoryMonths(code, name, sum(counts), counts) for (code, name), counts in table.items()
    ]
    categories.sort(key=lambda item: (-item.total, item.code))
    by_month = [sum(item.by_month[i] for item in categories) for i in range(len(labels))]
    return ComplaintFigures(labels, by_month, categories, sum(by_month))
