"""The shapes search() returns: a page of hits with snippets and facet values."""

import datetime
from dataclasses import dataclass, field

from markupsafe import Markup

FACET_TITLES = {
    "type": "内容类型",
    "category": "产品类别",
    "year": "年份",
    "result": "抽查结果",
    "district": "所在区",
}


@dataclass
class Hit:
    """One search hit, ready to render."""

    doc_type: str
    record_id: int
    title: str
    url: str
    snippet: Markup
    date: datetime.date | None = None
    category: str | None = None
    result: str | None = None
    enterprise_name: str | None = None
    is_demo: bool = False


@dataclass
class FacetValue:
    """One value of a facet with its count among the matches."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchPage:
    """A page of hits, the total, facets and the arguments that produced them."""

    hits: list[Hit]
    total: int
    page: int
    per_page: int
    sort: str
    query: str
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: dict = field(default_factory=dict)

    @property
    def pages(self) -> int:
        """Number of pages."""
        return max(1, -(-self.total // self.per_page))

    @property
    def has_next(self) -> bool:
        """True when a later page exists."""
        return self.page < self.pages

    @property
    def has_prev(self) -> bool:
        """True when an earlier page exists."""
        return self.page > 1

    @property
    def prev_num(self) -> int | None:
        """Number of the previous page."""
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        """Number of the next page."""
        return self.page + 1 if self.has_next else None

    def iter_pages(self, left_edge=1, left_current=2, right_current=2, right_edge=1):
        """Page numbers with None for gaps, like Flask-SQLAlchemy's pagination."""
        last = 0
        for number in range(1, self.pages + 1):
            if (
                number <= left_edge
                or self.page - left_current <= number <= self.page + right_current
                or number > self.pages - right_edge
            ):
                if last + 1 != number:
                    yield None
                yield number
                last = number
