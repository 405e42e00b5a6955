"""PostgreSQL search: the years a date-ordered page spans, from the counts per year."""

import pytest

from portal.search.backend import Request
from portal.search.postgres.pages import page_years

COMBOS = [
    ("batch", None, 2026, None, None, 3),
    ("batch", None, 2024, None, None, 5),
    ("announcement", None, 2024, None, None, 1),
    ("article", None, None, None, None, 2),
]


@pytest.mark.parametrize(
    ("sort", "page", "per_page", "window"),
    [
        ("newest", 1, 2, (2026, 2026, 0)),
        ("newest", 2, 2, (2026, 2024, 0)),
        ("newest", 2, 3, (2024, 2024, 3)),
        ("newest", 3, 4, (2024, None, 3)),
        ("newest", 4, 3, (None, None, 9)),
        ("newest", 1, 20, (2026, None, 0)),
        ("date", 1, 6, (2024, 2024, 0)),
        ("date", 2, 6, (2026, None, 6)),
    ],
)
def test_page_years_bound_the_page_by_the_counts_per_year(sort, page, per_page, window):
    request = Request(plan=None, filters={}, sort=sort, page=page, per_page=per_page)

    assert page_years(COMBOS, request) == window
