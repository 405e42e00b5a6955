"""The scale-out search backend: PostgreSQL full-text search over our analysed tokens."""

import logging
from collections import Counter

from sqlalchemy import Select, cast, delete, func, insert, literal, not_, or_, select, text
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import cache, db
from portal.models import SearchRecord
from portal.search import tsvectors
from portal.search.backend import Request, Result
from portal.services.content import current_content_version

logger = logging.getLogger(__name__)

CHUNK = 1000
SUMMARY_SECONDS = 3600
FACET_COLUMNS = {
    "type": SearchRecord.doc_type,
    "category": SearchRecord.category_code,
    "year": SearchRecord.year,
    "result": SearchRecord.result,
    "district": SearchRecord.district,
}
HIT_COLUMNS = (
    SearchRecord.doc_type,
    SearchRecord.record_id,
    SearchRecord.title,
    SearchRecord.body,
    SearchRecord.url,
    SearchRecord.day.label("date"),
    SearchRecord.category_name,
    SearchRecord.result,
    SearchRecord.enterprise_name,
    SearchRecord.is_demo,
)


def tsquery(text: str):
    """A bound tsquery parameter."""
    return cast(literal(text), TSQUERY)


def matches(column, text: str):
    """column @@ tsquery."""
    return column.bool_op("@@")(tsquery(text))


def facet_value(name: str, value):
    """A filter value as stored in its facet column (a year that is not a number matches none)."""
    if name == "year":
        return int(value) if str(value).isdigit() else -1
    return value


def _selected(row: tuple, filters: dict) -> bool:
    """Whether a facet combination satisfies the filters (as the WHERE conditions would)."""
    return all(
        row[index] == facet_value(name, filters[name])
        for index, name in enumerate(FACET_COLUMNS)
        if name in filters
    )


def facet_counts(combos: list[tuple]) -> dict[str, list[tuple[str, int]]]:
    """Counts per facet value (most frequent first) rolled up from combination counts."""
    counters = {name: Counter() for name in FACET_COLUMNS}
    for *values, count in combos:
        for name, value in zip(FACET_COLUMNS, values, strict=True):
            if value is not None:
                counters[name][str(value)] += count
    return {
        name: sorted(counter.items(), key=lambda pair: (-pair[1], pair[0]))
        for name, counter in counters.items()
    }


class PostgresBackend:
    """Search the search_documents table; written in the committing transaction."""

    name = "postgres"
    transactional = True

    def stamp(self) -> str:
        """The content version: the table changes only in content-changing transactions."""
        version, _ = current_content_version()
        return str(version)

    def conditions(self, request: Request) -> list:
        """WHERE conditions for the words, exclusions and filters."""
        conditions = []
        for clause in request.plan.must:
            condition = matches(SearchRecord.tokens, tsvectors.clause_tsquery(clause))
            if clause.pinyin:
                pinyin = matches(SearchRecord.pinyin, tsvectors.pinyin_tsquery(clause))
                condition = or_(condition, pinyin)
            conditions.append(condition)
        for clause in request.plan.must_not:
            conditions.append(not_(matches(SearchRecord.tokens, tsvectors.clause_tsquery(clause))))
        for name, value in request.filters.items():
            conditions.append(FACET_COLUMNS[name] == facet_value(name, value))
        return conditions

    def search(self, request: Request) -> Result:
        """One query for the page, one grouped query (or the cached summary) for the facets."""
        conditions = self.conditions(request)
        if request.plan.has_words or request.plan.must_not:
            combos = self._combinations(conditions)
        else:
            combos = [row for row in self._summary() if _selected(row, request.filters)]
        facets = facet_counts(combos)
        total = sum(row[-1] for row in combos)
        stmt = select(*HIT_COLUMNS).where(*conditions)
        stmt = self._ordered(stmt, request).offset(request.offset).limit(request.per_page)
        hits = [dict(row._mapping) for row in db.session.execute(stmt)] if total else []
        return Result(hits=hits, total=total, facets=facets)

    def _ordered(self, stmt: Select, request: Request) -> Select:
        """Order by rank (title words weigh more), newest first, or oldest first."""
        if request.sort == "relevance" and request.plan.has_words:
            words = " & ".join(tsvectors.clause_tsquery(c) for c in request.plan.must)
            rank = func.ts_rank(SearchRecord.tokens, tsquery(words))
            return stmt.order_by(rank.desc(), SearchRecord.day.desc().nulls_last(), SearchRecord.id)
        if request.sort == "date":
            return stmt.order_by(SearchRecord.day.asc().nulls_last(), SearchRecord.id)
        return stmt.order_by(SearchRecord.sort_day.desc(), SearchRecord.id.desc())

    @staticmethod
    def _combinations(conditions: list) -> list[tuple]:
        """Matching rows counted per combination of the five facet values, in one pass."""
        columns = list(FACET_COLUMNS.values())
        stmt = select(*columns, func.count()).where(*conditions).group_by(*columns)
        return [tuple(row) for row in db.session.execute(stmt)]

    def _summary(self) -> list[tuple]:
        """Every row's facet combinations, computed once per content version (shared cache)."""
        key = f"search-summary:{self.name}:{self.stamp()}"
        combos = cache.get(key)
        if combos is None:
            combos = self._combinations([])
            cache.set(key, combos, timeout=SUMMARY_SECONDS)
        return combos

    def apply(self, documents: list, delete_keys, version=None, session=None) -> None:
        """Replace documents and delete keys inside the caller's transaction."""
        session = session or db.session
        keys = sorted(set(delete_keys) | {doc.key for doc in documents})
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            session.execute(delete(SearchRecord).where(SearchRecord.key.in_(chunk)))
        self._insert(session, documents)

    @staticmethod
    def _insert(session, documents) -> int:
        """Insert rows in chunks; return how many."""
        rows, count = [], 0
        for doc in documents:
            rows.append(tsvectors.record_values(doc))
            if len(rows) >= CHUNK:
                session.execute(insert(SearchRecord), rows)
                count, rows = count + len(rows), []
        if rows:
            session.execute(insert(SearchRecord), rows)
        return count + len(rows)

    def rebuild(self, documents, progress=lambda n: None, version=None, session=None) -> int:
        """Replace every row (readers see the old rows until the caller commits)."""
        session = session or db.session
        session.execute(delete(SearchRecord))

        def counted():
            for doc in documents:
                progress(1)
                yield doc

        count = self._insert(session, counted())
        session.execute(text("ANALYZE search_documents"))  # fresh planner statistics
        return count

    def keys(self) -> set[str]:
        """Keys of every indexed document."""
        return set(db.session.scalars(select(SearchRecord.key)))

    def indexed_version(self) -> int | None:
        """Always consistent with the database (same transaction)."""
        return None

    def problem(self) -> str | None:
        """'missing' when the table is absent or empty while content exists."""
        from portal.search.sources import count_documents

        try:
            has_rows = db.session.scalar(select(SearchRecord.id).limit(1)) is not None
            if not has_rows and count_documents(db.session):
                return "missing"
        except SQLAlchemyError:
            db.session.rollback()
            return "missing"
        return None
