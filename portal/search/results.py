"""The shapes search() returns: a page of hits with snippets and facet values."""

import datetime
from dataclasses import dataclass, field

from markupsafe import Markup

from portal.queries.pagination import Page

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
    fields: list[tuple[str, Markup]] = field(default_factory=list)  # labelled batch fields


@dataclass
class FacetValue:
    """One value of a facet with its count among the matches."""

    value: str
    label: str
    count: int
    selected: bool = False


@dataclass(frozen=True)
class SearchPage(Page):
    """A page of hits (its items), the total, facets and the arguments that produced them."""

    sort: str = "relevance"
    query: str = ""
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    filters: dict = field(default_factory=dict)
    best_bets: list = field(default_factory=list)  # BestBet: pages the query names, shown first
    suggestion: str | None = None  # the corrected query whose hits these are ("您是不是要找")
    synonyms: list[tuple[str, list[str]]] = field(default_factory=list)  # (typed, also searched)

    @property
    def hits(self) -> list[Hit]:
        """The hits of this page."""
        return self.items
