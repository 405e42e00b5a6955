"""Where a page of hits lies in date order, and how to read it from the date index."""

import datetime
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import or_

from portal.models import SearchRecord
from portal.models.search import UNDATED
from portal.search.backend import SCORED_LIMIT, Request
from portal.search.postgres.facets import YEAR_INDEX


def page_years(combos: list[tuple], request: Request) -> tuple[int | None, int | None, int]:
    """First and last year holding the page's hits in date order (None: undated), and how many
    hits come before the first of those years.

    The exact counts per year tell where the page lies, so reading the date index can start
    there instead of passing every newer document that does not match.
    """
    per_year = Counter()
    for row in combos:
        per_year[row[YEAR_INDEX]] += row[-1]
    newest = request.sort != "date"
    years = [*sorted((year for year in per_year if year is not None), reverse=newest), None]
    wanted = min(request.offset + request.per_page, sum(per_year.values()))
    seen, first, before = 0, years[-1], 0
    for year in years:
        if seen <= request.offset < seen + per_year[year]:
            first, before = year, seen
        seen += per_year[year]
        if seen >= wanted:
            return first, year, before
    return first, None, before


def date_order(columns, request: Request) -> list:
    """ORDER BY terms: newest first, or oldest first with undated documents last."""
    if request.sort == "date":
        return [columns.day.asc().nulls_last(), columns.id]
    return [columns.sort_day.desc(), columns.id.desc()]


def date_ordered(firsts: list[tuple], request: Request) -> list[tuple]:
    """(day, id) pairs in the page's date order: newest first, or oldest first, undated last."""
    if request.sort == "date":
        return sorted(firsts, key=lambda pair: (pair[0] is None, pair[0] or UNDATED, pair[1]))
    return sorted(firsts, reverse=True)


def year_bounds(first: int | None, last: int | None, newest: bool) -> list:
    """Conditions keeping the years from first to last (None: undated), on the column of the
    index each order reads: sort_day newest first, day oldest first (undated last)."""
    if newest:
        if first is None:
            return [SearchRecord.sort_day == UNDATED]
        bounds = [SearchRecord.sort_day <= datetime.date(first, 12, 31)]
        if last is not None:
            bounds.append(SearchRecord.sort_day >= datetime.date(last, 1, 1))
        return bounds
    if first is None:
        return [SearchRecord.day.is_(None)]
    start = datetime.date(first, 1, 1)
    if last is None:
        return [or_(SearchRecord.day >= start, SearchRecord.day.is_(None))]
    return [SearchRecord.day.between(start, datetime.date(last, 12, 31))]


@dataclass
class Page:
    """What reading one page of hits needs to know about the search."""

    request: Request
    words: list
    combos: list[tuple]
    total: int
    frequent: bool  # one tallied word: its matches are known without counting rows

    @property
    def ranked(self) -> bool:
        """Relevance order by rank among few matches (beyond SCORED_LIMIT: newest first)."""
        return (
            self.request.sort == "relevance"
            and self.request.plan.has_words
            and self.total <= SCORED_LIMIT
        )
