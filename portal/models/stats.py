"""The statistics tally: batch figures kept up to date by every write, read by /stats/ and home.

StatsTallyRow is what the tally has counted: one row per live announcement, enterprise,
category and district, with its batch and failed counts. StatsTally holds the figures the pages
read: one row per period (half-year, year or all time), category (or every category) and
district (or every district), with exact distinct counts of categories and enterprises;
StatsFailedItem the failed test items of the same cells. See
portal.services.stats_tally for how writes keep both in step with the batches.
"""

import datetime

from sqlalchemy import JSON, Date, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base


class StatsTallyRow(Base):
    """Live batches of one announcement, enterprise, category and district ('' when unnamed)."""

    __tablename__ = "stats_tally_rows"

    # No foreign keys: the tally must still read a deleted announcement's rows to subtract them.
    announcement_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    enterprise_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    category_id: Mapped[int] = mapped_column(Integer, primary_key=True, index=True)
    district: Mapped[str] = mapped_column(String(32), primary_key=True)
    issued_on: Mapped[datetime.date] = mapped_column(Date, index=True)
    year: Mapped[str] = mapped_column(String(4))
    half_year: Mapped[str] = mapped_column(String(7))  # 2026-H1
    batches: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)
    # Failed test items: {item: failed batches naming it}.
    failed_items: Mapped[dict] = mapped_column(JSON, default=dict)


class StatsTally(Base):
    """Figures of one period, category and district; NULL means "all" in that dimension.

    period is a half-year (2026-H1), a year (2026), NULL (all time) or, for the home page's
    comparison with last year, a date range (2025-01-01/2025-05-20).
    """

    __tablename__ = "stats_tallies"
    __table_args__ = (
        Index("ix_stats_tallies_cell", "period", "category_id", "district"),
        Index("ix_stats_tallies_breakdown", "category_id", "district", "period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str | None] = mapped_column(String(24))
    category_id: Mapped[int | None] = mapped_column(Integer)
    district: Mapped[str | None] = mapped_column(String(32))
    categories: Mapped[int] = mapped_column(Integer)
    enterprises: Mapped[int] = mapped_column(Integer)
    batches: Mapped[int] = mapped_column(Integer)
    failed: Mapped[int] = mapped_column(Integer)


class StatsFailedItem(Base):
    """How many failed batches of one tally cell name a failed test item (不合格项目)."""

    __tablename__ = "stats_failed_items"
    __table_args__ = (Index("ix_stats_failed_items_cell", "period", "category_id", "district"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    period: Mapped[str | None] = mapped_column(String(24))
    category_id: Mapped[int | None] = mapped_column(Integer)
    district: Mapped[str | None] = mapped_column(String(32))
    item: Mapped[str] = mapped_column(Text)
    batches: Mapped[int] = mapped_column(Integer)


def half_year_key(day: datetime.date) -> str:
    """The tally's key of the half-year containing a day: 2026-H1 or 2026-H2."""
    return f"{day.year}-H{1 if day.month <= 6 else 2}"


def half_year_start(day: datetime.date) -> datetime.date:
    """First day of the half-year containing a day."""
    return datetime.date(day.year, 1 if day.month <= 6 else 7, 1)


def shift_year(day: datetime.date, years: int) -> datetime.date:
    """The same calendar day some years away (29 February becomes the 28th)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def comparison_range(latest: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The home page's "same period last year": the latest issue date's half-year so far,
    one year earlier."""
    return shift_year(half_year_start(latest), -1), shift_year(latest, -1)


def range_key(start: datetime.date, end: datetime.date) -> str:
    """The tally's key of a date range: 2025-01-01/2025-05-20."""
    return f"{start.isoformat()}/{end.isoformat()}"
