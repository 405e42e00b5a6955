"""The PostgreSQL search backend's table: our analysed tokens in tsvector columns."""

import datetime

from sqlalchemy import Boolean, Date, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base

TokenVector = TSVECTOR().with_variant(Text(), "sqlite")
# Sort key of undated documents: newest-first lists put them last, as NULLS LAST would.
UNDATED = datetime.date(1, 1, 1)


class SearchRecord(Base):
    """One searchable document (used when PORTAL_SEARCH_BACKEND=postgres)."""

    __tablename__ = "search_documents"
    __table_args__ = (
        Index("ix_search_documents_tokens", "tokens", postgresql_using="gin"),
        Index("ix_search_documents_pinyin", "pinyin", postgresql_using="gin"),
        # facet counts by an index-only scan
        Index(
            "ix_search_documents_facets", "doc_type", "category_code", "year", "result", "district"
        ),
        # newest first without words: the top of this index, read backwards
        Index("ix_search_documents_newest", "sort_day", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    doc_type: Mapped[str] = mapped_column(String(16), index=True)
    record_id: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    url: Mapped[str] = mapped_column(String(300))
    day: Mapped[datetime.date | None] = mapped_column(Date, index=True)
    sort_day: Mapped[datetime.date] = mapped_column(Date, default=UNDATED)
    year: Mapped[int | None] = mapped_column(Integer, index=True)
    category_code: Mapped[str | None] = mapped_column(String(16), index=True)
    category_name: Mapped[str | None] = mapped_column(String(64))
    result: Mapped[str | None] = mapped_column(String(8), index=True)
    district: Mapped[str | None] = mapped_column(String(32), index=True)
    enterprise_name: Mapped[str | None] = mapped_column(String(128))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    level: Mapped[str | None] = mapped_column(String(16))  # a regulation's level (ranking)
    tokens: Mapped[str] = mapped_column(TokenVector)
    pinyin: Mapped[str] = mapped_column(TokenVector)


class SearchTallyTerm(Base):
    """A word in so many documents that its facet counts are kept instead of counted per query."""

    __tablename__ = "search_tally_terms"

    lexeme: Mapped[str] = mapped_column(Text, primary_key=True)


class SearchTally(Base):
    """Documents holding a tallied word, per combination of the five facet values."""

    __tablename__ = "search_tallies"

    lexeme: Mapped[str] = mapped_column(Text, primary_key=True)
    # doc_type, category code, year, result and district joined by U+001F ("" for none)
    combo: Mapped[str] = mapped_column(Text, primary_key=True)
    documents: Mapped[int] = mapped_column(Integer)


class SearchSynonym(Base):
    """A group of words the search treats as one (first word: the catalogue name)."""

    __tablename__ = "search_synonyms"

    id: Mapped[int] = mapped_column(primary_key=True)
    words: Mapped[str] = mapped_column(String(400))
