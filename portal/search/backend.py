"""What every search backend is asked and returns, and the sort and facet vocabulary they share."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from portal.search.documents import SearchDocument

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


@runtime_checkable
class SearchBackend(Protocol):
    """What the shared search code (service, sync, maintenance) calls on the configured engine."""

    name: str  # part of the result-page cache keys
    transactional: bool  # True: written in the committing transaction; False: after the commit

    def stamp(self) -> str:
        """Identifies the indexed contents, for result-page cache keys."""
        ...

    def search(self, request: Request) -> Result:
        """The hits of the requested page, the total and the facet counts."""
        ...

    def apply(
        self,
        documents: list["SearchDocument"],
        delete_keys: Iterable[str],
        version: int | None = None,
        session: "Session | None" = None,
    ) -> None:
        """Replace the given documents and delete the given keys."""
        ...

    def rebuild(
        self,
        documents: Iterable["SearchDocument"],
        progress: Callable[[int], None] = ...,
        version: int | None = None,
        session: "Session | None" = None,
    ) -> int:
        """Replace the whole index with these documents; return how many were indexed."""
        ...

    def after_rebuild(self) -> None:
        """Clean up after a rebuild has been committed."""
        ...

    def keys(self) -> set[str]:
        """Keys of every indexed document."""
        ...

    def indexed_version(self) -> int | None:
        """The content version the index reflects, or None when always current."""
        ...

    def problem(self) -> str | None:
        """Why the index cannot serve ("missing", "corrupt", "outdated"), or None."""
        ...

    def preload(self) -> None:
        """Load what every search reads (before gunicorn forks, so the workers share it)."""
        ...

    def watch(self) -> object:
        """Keep this process's view of the index loaded as it changes, from a background
        thread (each gunicorn worker, after the fork)."""
        ...
