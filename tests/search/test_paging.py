"""Paging through results in date order gives every hit once, in the order of one long page."""

import pytest

from portal.search import postgres_backend, search
from portal.search.backend import Request
from portal.search.postgres_pages import page_years


@pytest.mark.parametrize("sort_limit", [20_000, 0], ids=["collect", "walk"])
@pytest.mark.parametrize("sort", ["newest", "date", "relevance"])
@pytest.mark.parametrize("query", [{}, {"q": "有限公司"}, {"type": "batch"}, {"q": "合格 -导体"}])
def test_pages_join_up(corpus, query, sort, sort_limit, monkeypatch):
    monkeypatch.setattr(postgres_backend, "SORT_LIMIT", sort_limit)  # PostgreSQL: both ways
    whole = search({**query, "sort": sort, "page": 1, "per_page": 100})
    pages = [search({**query, "sort": sort, "page": n, "per_page": 2}) for n in range(1, 30)]

    joined = [hit.url for page in pages for hit in page.hits]
    assert whole.total > 2
    assert joined == [hit.url for hit in whole.hits]


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
