"""The scale-out search backend: PostgreSQL full-text search over our analysed tokens."""

import logging
from collections.abc import Callable, Iterable

from flask import current_app
from sqlalchemy import (
    Select,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    not_,
    or_,
    select,
    text,
)
from sqlalchemy.dialects.postgresql import TSQUERY, aggregate_order_by
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from portal.database import refresh_statistics
from portal.extensions import cache, db
from portal.models import SearchRecord, SearchTally
from portal.search import ranking
from portal.search.backend import Request, Result
from portal.search.documents import SearchDocument
from portal.search.postgres import tallies, tsvectors
from portal.search.postgres.facets import (
    FACET_COLUMNS,
    facet_counts,
    facet_value,
    heap_filter,
    selected,
)
from portal.search.postgres.pages import Page, date_order, date_ordered, page_years, year_bounds
from portal.services.content import current_content_version

logger = logging.getLogger(__name__)

CHUNK = 1000
LENGTH_NORMALISATION = 1  # ts_rank divides by 1 + log(document length), as BM25 favours short
SUMMARY_SECONDS = 3600
SORT_LIMIT = 20_000  # up to this many matches, collect and sort them; beyond, walk the date index
# Settings of the search transaction, in one round trip (set_config(..., true) = SET LOCAL).
SEARCH_SETTINGS = select(
    func.set_config("jit", "off", True),  # compiling costs more than it saves here
    func.set_config("work_mem", "32MB", True),  # exact bitmaps of common words: no rechecks
    # The best plan depends on the words and years (psycopg prepares repeated statements, and a
    # generic plan would read every match of a common word instead of the page's year).
    func.set_config("plan_cache_mode", "force_custom_plan", True),
)
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


class PostgresBackend:
    """Search the search_documents table; written in the committing transaction."""

    name = "postgres"
    transactional = True

    def stamp(self) -> str:
        """The content version: the table changes only in content-changing transactions."""
        version, _ = current_content_version()
        return str(version)

    @staticmethod
    def _word_conditions(plan) -> list:
        """WHERE conditions for the words and exclusions."""
        conditions = []
        for clause in plan.must:
            condition = matches(SearchRecord.tokens, tsvectors.clause_tsquery(clause))
            if clause.pinyin:
                pinyin = matches(SearchRecord.pinyin, tsvectors.pinyin_tsquery(clause))
                condition = or_(condition, pinyin)
            conditions.append(condition)
        for clause in plan.must_not:
            conditions.append(not_(matches(SearchRecord.tokens, tsvectors.clause_tsquery(clause))))
        return conditions

    @staticmethod
    def _filter_conditions(filters: dict, on_rows: bool) -> list:
        """WHERE conditions for the facet filters, checked on the matching rows or by index."""
        if on_rows:
            return [heap_filter(name, value) for name, value in filters.items()]
        return [FACET_COLUMNS[name] == facet_value(name, value) for name, value in filters.items()]

    def search(self, request: Request) -> Result:
        """Facet counts (kept, or one grouped query), then one query for the page."""
        db.session.execute(SEARCH_SETTINGS)
        words = self._word_conditions(request.plan)
        kept = self._kept_combinations(request)
        page_ids = None
        if kept is None:
            combos, page_ids = self._counted(request, words)
        else:
            combos = selected(kept, request.filters)
        total = sum(row[-1] for row in combos)
        page = Page(request, words, combos, total, kept is not None)
        if total <= request.offset:
            return Result(hits=[], total=total, facets=facet_counts(combos))
        if page.ranked or page_ids is None:
            page_ids = self._page_ids(page)
        return Result(hits=self._hits(page_ids), total=total, facets=facet_counts(combos))

    def _counted(self, request: Request, words: list) -> tuple[list[tuple], list[int]]:
        """One pass over the matches: the count of each facet combination, and the ids of the
        page in date order (merged from each combination's first ids)."""
        keep = request.offset + request.per_page
        day = SearchRecord.day if request.sort == "date" else SearchRecord.sort_day
        order = date_order(SearchRecord.__table__.c, request)
        columns = list(FACET_COLUMNS.values())
        stmt = (
            select(
                *columns,
                func.count(),
                func.array_agg(aggregate_order_by(SearchRecord.id, *order))[1:keep],
                func.array_agg(aggregate_order_by(day, *order))[1:keep],
            )
            .where(*words, *self._filter_conditions(request.filters, on_rows=True))
            .group_by(*columns)
        )
        combos, firsts = [], []
        for *values, count, ids, days in db.session.execute(stmt):
            combos.append((*values, count))
            firsts += zip(days, ids, strict=True)
        page = date_ordered(firsts, request)[request.offset : keep]
        return combos, [record_id for _, record_id in page]

    def _page_ids(self, page: Page) -> list[int]:
        """The page's ids, read in the cheapest way for the number of matches."""
        if page.ranked or (page.request.plan.has_words and page.total <= SORT_LIMIT):
            return self._sorted_ids(page)
        return self._walked_ids(page)

    def _hits(self, ids: list[int]) -> list[dict]:
        """Stored fields of the hits with these ids, in this order."""
        if not ids:
            return []
        rows = db.session.execute(
            select(SearchRecord.id, *HIT_COLUMNS).where(SearchRecord.id.in_(ids))
        )
        by_id = {
            row.id: {key: value for key, value in row._mapping.items() if key != "id"}
            for row in rows
        }
        return [by_id[record_id] for record_id in ids if record_id in by_id]

    def _sorted_ids(self, page: Page) -> list[int]:
        """Collect every match, then order: filters go on the rows (a facet index costs more),
        unless a frequent word matches far more rows than the filters keep."""
        request = page.request
        filters = self._filter_conditions(request.filters, on_rows=not page.frequent)
        columns = [SearchRecord.id, SearchRecord.sort_day, SearchRecord.day]
        if page.ranked:
            columns += [SearchRecord.tokens, SearchRecord.doc_type, SearchRecord.result]
            columns += [SearchRecord.year, SearchRecord.level]
        matching = select(*columns).where(*page.words, *filters).cte("matching")
        matching = matching.prefix_with("MATERIALIZED")
        stmt = self._ordered(select(matching.c.id), request, matching.c, page.ranked)
        stmt = stmt.offset(request.offset).limit(request.per_page)
        return list(db.session.scalars(stmt))

    def _walked_ids(self, page: Page) -> list[int]:
        """Read the date index from the first year of the page and stop after the page."""
        request = page.request
        first, last, before = page_years(page.combos, request)
        filters = self._filter_conditions(request.filters, on_rows=False)
        filters += year_bounds(first, last, newest=request.sort != "date")
        stmt = select(SearchRecord.id).where(*page.words, *filters)
        stmt = self._ordered(stmt, request, SearchRecord.__table__.c, False)
        stmt = stmt.offset(request.offset - before).limit(request.per_page)
        return list(db.session.scalars(stmt))

    @staticmethod
    def _ordered(stmt: Select, request: Request, columns, ranked: bool) -> Select:
        """Order by rank (title words weigh more), newest first, or oldest first."""
        if ranked:
            rank = rank_expression(columns, request.plan)
            return stmt.order_by(rank.desc(), columns.day.desc().nulls_last(), columns.id)
        return stmt.order_by(*date_order(columns, request))

    def _kept_combinations(self, request: Request) -> list[tuple] | None:
        """Facet combinations known without counting rows: browsing, or one tallied word."""
        plan = request.plan
        if not plan.must and not plan.must_not:
            return self._summary()
        if len(plan.must) == 1 and not plan.must_not:
            clause = plan.must[0]
            if len(clause.tokens) == 1 and not clause.pinyin and not clause.alternatives:
                return tallies.combinations(db.session, clause.tokens[0])
        return None

    @staticmethod
    def _combinations(conditions: list) -> list[tuple]:
        """Matching rows counted per combination of the five facet values, in one pass."""
        columns = list(FACET_COLUMNS.values())
        stmt = select(*columns, func.count()).where(*conditions).group_by(*columns)
        return [tuple(row) for row in db.session.execute(stmt)]

    def _summary(self) -> list[tuple]:
        """Every row's facet combinations: kept since the last rebuild, else counted; cached
        per content version (shared cache)."""
        key = f"search-summary:{self.name}:{self.stamp()}"
        combos = cache.get(key)
        if combos is None:
            combos = tallies.combinations(db.session, tallies.EVERY_DOCUMENT)
            if combos is None:
                combos = self._combinations([])
            cache.set(key, combos, timeout=SUMMARY_SECONDS)
        return combos

    def apply(
        self,
        documents: list[SearchDocument],
        delete_keys: Iterable[str],
        version: int | None = None,
        session: Session | None = None,
    ) -> None:
        """Replace documents and delete keys inside the caller's transaction (tallies too)."""
        session = session or db.session
        keys = sorted(set(delete_keys) | {doc.key for doc in documents})
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            tallies.count_in(session, chunk, -1)
            session.execute(delete(SearchRecord).where(SearchRecord.key.in_(chunk)))
        self._insert(session, documents)
        added = [doc.key for doc in documents]
        for start in range(0, len(added), CHUNK):
            tallies.count_in(session, added[start : start + CHUNK], 1)

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

    def rebuild(
        self,
        documents: Iterable[SearchDocument],
        progress: Callable[[int], None] = lambda n: None,
        version: int | None = None,
        session: Session | None = None,
    ) -> int:
        """Replace every row (readers see the old rows until the caller commits)."""
        session = session or db.session
        session.execute(delete(SearchRecord))

        def counted():
            for doc in documents:
                progress(1)
                yield doc

        count = self._insert(session, counted())
        session.execute(text("ANALYZE search_documents"))  # fresh planner statistics
        tallies.rebuild(session, count, current_app.config["SEARCH_TALLY_MIN_DOCS"])
        return count

    @staticmethod
    def preload() -> None:
        """Nothing to load: the database holds the index."""

    @staticmethod
    def watch() -> None:
        """Nothing to watch: every search reads the database."""

    @staticmethod
    def after_rebuild() -> None:
        """Reclaim the replaced rows and tallies and refresh statistics (after the commit)."""
        refresh_statistics(SearchRecord.__tablename__, SearchTally.__tablename__)

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


def rank_expression(columns, plan):
    """ts_rank of the words (x (1 + PHRASE_BOOST) where a word's tokens stand in sequence), times
    the shared ranking factor (document type, regulation level, failed result, recency)."""
    words = " & ".join(tsvectors.clause_tsquery(c) for c in plan.must)
    text_rank = func.ts_rank(columns.tokens, tsquery(words), LENGTH_NORMALISATION)
    for phrase in tsvectors.phrase_tsqueries(plan):  # ts_rank ignores adjacency: test it
        in_sequence = case((matches(columns.tokens, phrase), ranking.PHRASE_BOOST), else_=0.0)
        text_rank = text_rank * (1.0 + in_sequence)
    weight = case(
        *[(columns.doc_type == name, value) for name, value in ranking.TYPE_WEIGHTS.items()],
        else_=1.0,
    ) * case(
        *[(columns.level == name, value) for name, value in ranking.LEVEL_WEIGHTS.items()],
        else_=1.0,
    )
    failed = case((columns.result == ranking.FAILED, 1.0 + ranking.FAILED_BONUS), else_=1.0)
    years = func.greatest(
        0, func.coalesce(columns.year, ranking.RECENCY_BASE) - ranking.RECENCY_BASE
    )
    recency = 1.0 + ranking.RECENCY_PER_YEAR * years
    return text_rank * weight * failed * recency
