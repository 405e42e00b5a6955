"""What every search backend returns, and the sort and facet vocabulary they share."""

from dataclasses import dataclass, field

FACETS = ("type", "category", "year", "result", "district")
SCORED_LIMIT = 3000  # rank by BM25 up to this many matches; beyond, title matches then newest


@dataclass
class Request:
    """A search as a backend sees it: the plan, the filters, the order and the page."""

    plan: object
    filters: dict
    sort: str
    page: int
    per_page: int

    @property
    def offset(self) -> int:
        """Index of the first hit of the page."""
        return (self.page - 1) * self.per_page


@dataclass
class Result:
    """Stored fields of the page's hits, the total and facet counts (value, count)."""

    hits: list[dict] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
