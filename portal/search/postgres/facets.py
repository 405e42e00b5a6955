"""Facet columns of search_documents: filters, and counts rolled up from combinations."""

from collections import defaultdict

from sqlalchemy import func

from portal.models import SearchRecord

FACET_COLUMNS = {
    "type": SearchRecord.doc_type,
    "category": SearchRecord.category_code,
    "year": SearchRecord.year,
    "result": SearchRecord.result,
    "district": SearchRecord.district,
}
YEAR_INDEX = list(FACET_COLUMNS).index("year")


def facet_value(name: str, value):
    """A filter value as stored in its facet column (a year that is not a number matches none)."""
    if name == "year":
        return int(value) if str(value).isdigit() else -1
    return value


def heap_filter(name: str, value):
    """A facet filter checked on the rows the full-text index found, never through a btree.

    With words, PostgreSQL would otherwise AND the word's bitmap with a facet index bitmap:
    reading a btree entry for every batch with that facet value costs far more than checking
    the value on the matching rows.
    """
    column = FACET_COLUMNS[name]
    empty = -1 if name == "year" else ""
    return func.coalesce(column, empty) == facet_value(name, value)


def selected(combos: list[tuple], filters: dict) -> list[tuple]:
    """The facet combinations satisfying the filters (as the WHERE conditions would)."""
    checks = [
        (index, facet_value(name, filters[name]))
        for index, name in enumerate(FACET_COLUMNS)
        if name in filters
    ]
    if not checks:
        return combos
    return [row for row in combos if all(row[index] == value for index, value in checks)]


def facet_counts(combos: list[tuple]) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value (most frequent first) rolled up from combination counts."""
    facets = {}
    for index, name in enumerate(FACET_COLUMNS):
        counter = defaultdict(int)
        for row in combos:
            counter[row[index]] += row[-1]
        counts = [(str(value), count) for value, count in counter.items() if value is not None]
        facets[name] = sorted(counts, key=lambda pair: (-pair[1], pair[0]))
    return facets
