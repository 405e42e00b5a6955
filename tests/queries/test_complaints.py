"""Complaint counts by category and month: whole months, spam and duplicates left out."""

from datetime import date, datetime

import pytest

from portal.extensions import db
from portal.models import ProductCategory, Submission
from portal.queries.complaints import complaint_figures

SERIAL = iter(range(1, 10_000))


@pytest.fixture
def kettle(app):
    """A category."""
    category = ProductCategory(code="0301", name="电热水壶", group_name="家电")
    db.session.add(category)
    db.session.commit()
    return category


def complaint(at: datetime, category=None, kind="complaint", **flags) -> Submission:
    """A stored submission filed at a UTC time."""
    item = Submission(
        kind=kind,
        tracking_number=f"T{next(SERIAL)}",
        access_code_hash="x",
        text="坏了",
        category=category,
        created_at=at,
        **flags,
    )
    db.session.add(item)
    db.session.commit()
    return item


def test_counts_by_category_and_whole_month_in_local_time(kettle):
    complaint(datetime(2026, 9, 30, 16, 30), kettle)  # 2026-10-01 00:30 in Shanghai
    complaint(datetime(2026, 10, 15), kettle)
    complaint(datetime(2026, 10, 20))
    complaint(datetime(2026, 11, 2), kettle)  # the current month: not yet published
    complaint(datetime(2026, 10, 3), kettle, is_spam=True)
    complaint(datetime(2026, 10, 3), kind="suggestion")
    target = complaint(datetime(2026, 10, 4), kettle)
    complaint(datetime(2026, 10, 5), kettle, merged_into_id=target.id)
    figures = complaint_figures(3, today=date(2026, 11, 29))
    assert figures.months == ["2026-08", "2026-09", "2026-10"]
    assert figures.by_month == [0, 0, 4]
    assert figures.total == 4
    assert [(row.name, row.total, row.by_month) for row in figures.by_category] == [
        ("电热水壶", 3, [0, 0, 3]),
        ("未分类", 1, [0, 0, 1]),
    ]


def test_the_window_crosses_the_new_year(app):
    complaint(datetime(2025, 12, 10))
    figures = complaint_figures(2, today=date(2026, 1, 5))
    assert figures.months == ["2025-11", "2025-12"]
    assert figures.by_month == [0, 1]
