"""Paging through results in date order gives every hit once, in the order of one long page."""

import pytest

from portal.search import search
from portal.search.postgres import backend as postgres_backend


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
