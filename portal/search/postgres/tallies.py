"""Facet counts kept per frequent word, so a search for it does not count 100,000 rows.

PostgreSQL counts a word's matches by visiting every matching row. For words in tens of
thousands of documents (不合格, 有限公司, a district) that alone exceeds the latency budget, so
the rebuild picks the words in at least SEARCH_TALLY_MIN_DOCS documents (from the planner's
statistics) and stores, per word, the number of documents for each combination of the five
facet values. Every change of search_documents updates these tallies in the same transaction.
The empty word's tally counts every document: the facets of browsing without words.
"""

from sqlalchemy import Select, Text, cast, delete, func, literal, select, text, true
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import Session

from portal.models import SearchRecord, SearchTally, SearchTallyTerm

SEPARATOR = "\x1f"
EVERY_DOCUMENT = ""  # the tally of this non-word counts all documents (browsing without words)
FREQUENT_WORDS = text(
    """
    INSERT INTO search_tally_terms (lexeme)
    SELECT DISTINCT s.lexeme
    FROM pg_stats, unnest(most_common_elems::text::text[], most_common_elem_freqs)
        AS s(lexeme, share)
    WHERE schemaname = current_schema() AND tablename = 'search_documents'
        AND attname = 'tokens' AND s.lexeme IS NOT NULL AND s.share * :documents >= :min_docs
    """
)
COLUMNS = ["lexeme", "combo", "documents"]


def tally_rows(sign: int) -> Select:
    """Documents per (tallied word, facet combination) of search_documents, times sign.

    Every document also counts for the empty word (EVERY_DOCUMENT)."""
    doc = SearchRecord
    empty = cast(literal(EVERY_DOCUMENT), Text)
    words = func.unnest(func.array_append(func.tsvector_to_array(doc.tokens), empty))
    words = words.table_valued("lexeme").render_derived(name="u")
    combo = func.concat_ws(
        func.chr(31),
        doc.doc_type,
        func.coalesce(doc.category_code, ""),
        func.coalesce(cast(doc.year, Text), ""),
        func.coalesce(doc.result, ""),
        func.coalesce(doc.district, ""),
    ).label("combo")
    return (
        select(words.c.lexeme, combo, (literal(sign) * func.count()).label("documents"))
        .select_from(doc)
        .join(words, true())
        .join(SearchTallyTerm, SearchTallyTerm.lexeme == words.c.lexeme)
        .group_by(words.c.lexeme, combo)
    )


def rebuild(session: Session, documents: int, min_docs: int) -> None:
    """Choose the frequent words from fresh statistics and count them (after ANALYZE).

    Rows are written in word order, so one word's combinations lie on neighbouring pages.
    """
    session.execute(delete(SearchTally))
    session.execute(delete(SearchTallyTerm))
    session.add(SearchTallyTerm(lexeme=EVERY_DOCUMENT))
    session.execute(FREQUENT_WORDS, {"documents": documents, "min_docs": max(1, min_docs)})
    rows = tally_rows(1).order_by(text("1, 2"))
    session.execute(insert(SearchTally).from_select(COLUMNS, rows))


def count_in(session: Session, keys: list[str], sign: int) -> None:
    """Add (sign 1) or remove (sign -1) the stored documents with these keys."""
    if not keys:
        return
    stmt = insert(SearchTally).from_select(
        COLUMNS, tally_rows(sign).where(SearchRecord.key.in_(keys))
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=["lexeme", "combo"],
        set_={"documents": SearchTally.documents + stmt.excluded.documents},
    )
    session.execute(stmt)


def combinations(session: Session, lexeme: str) -> list[tuple] | None:
    """Facet combinations with document counts for a tallied word; None if it is not tallied."""
    rows = session.execute(
        select(SearchTally.combo, SearchTally.documents).where(
            SearchTally.lexeme == lexeme, SearchTally.documents > 0
        )
    ).all()
    if not rows and session.get(SearchTallyTerm, lexeme) is None:
        return None
    return [(*decode_combo(combo), documents) for combo, documents in rows]


def decode_combo(combo: str) -> tuple:
    """(doc_type, category_code, year, result, district) with None for empty values."""
    doc_type, category, year, result, district = combo.split(SEPARATOR)
    return (
        doc_type,
        category or None,
        int(year) if year else None,
        result or None,
        district or None,
    )
