"""The searchable documents an event concerns, analysed once, with their lookup keys.

An event's documents are built by the search index's own document functions
(`portal.search.documents`) and analysed by its own analysis (`index_positions`, `pinyin_keys`),
so a subscription sees the words and facet values the search index holds.
"""

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from portal.extensions import db
from portal.models import Announcement, Article, Batch, Recall, Regulation, Result
from portal.search import documents as docs
from portal.search.analysis import CJK_ONLY, index_positions
from portal.search.pinyin import pinyin_keys

ANY = "any"


@dataclass
class AlertDocument:
    """A search document of the event plus what matching needs."""

    doc: docs.SearchDocument
    credit_code: str | None
    positions: list[list[str]]
    tokens: frozenset[str]
    pinyin: tuple[str, ...]
    keys: set[str] = field(default_factory=set)

    def facet(self, name: str) -> str:
        """The document's value of a facet filter, as text."""
        values = {
            "type": self.doc.doc_type,
            "category": self.doc.category_code,
            "year": self.doc.year,
            "result": self.doc.result,
            "district": self.doc.district,
            "enterprise": self.credit_code,
        }
        value = values.get(name)
        return "" if value is None else str(value)


FACET_NAMES = ("type", "category", "year", "result", "district", "enterprise")


def analysed(doc: docs.SearchDocument, credit_code: str | None) -> AlertDocument:
    """Analyse a document as the index does and list its keys."""
    positions = index_positions(doc.title, doc.body)
    tokens = frozenset(token for words in positions for token in words)
    alert_doc = AlertDocument(
        doc, credit_code, positions, tokens, tuple(pinyin_keys(*doc.short_texts))
    )
    alert_doc.keys = {ANY} | {f"term:{token}" for token in tokens}
    alert_doc.keys |= {f"{name}:{alert_doc.facet(name)}" for name in FACET_NAMES}
    return alert_doc


def term_anchor(token: str) -> str:
    """The key a required token is found under (long Chinese words: their first bigram, which
    the index holds for every occurrence and for the bigram fallback of unknown words)."""
    if CJK_ONLY.match(token) and len(token) >= 3:
        return f"term:{token[:2]}"
    return f"term:{token}"


def event_documents(entity_type: str, entity_id: int) -> tuple[object, list[AlertDocument]]:
    """The record of an event and its documents, whatever its status now."""
    loader = LOADERS[entity_type]
    return loader(entity_id)


def announcement_documents(announcement_id: int):
    """An announcement and its batches."""
    stmt = (
        select(Announcement)
        .where(Announcement.id == announcement_id)
        .options(selectinload(Announcement.batches).selectinload(Batch.enterprise))
    )
    announcement = db.session.scalar(stmt)
    if announcement is None:
        return None, []
    failed = any(batch.result == Result.FAIL for batch in announcement.batches)
    found = [analysed(docs.announcement_document(announcement, failed), None)]
    for batch in announcement.batches:
        credit = batch.enterprise.credit_code if batch.enterprise else None
        found.append(analysed(docs.batch_document(batch, announcement), credit))
    return announcement, found


def recall_documents(recall_id: int):
    """A recall."""
    recall = db.session.get(Recall, recall_id)
    if recall is None:
        return None, []
    credit = recall.enterprise.credit_code if recall.enterprise else None
    return recall, [analysed(docs.recall_document(recall), credit)]


def regulation_documents(regulation_id: int):
    """A regulation's articles."""
    regulation = db.session.get(Regulation, regulation_id)
    if regulation is None:
        return None, []
    stmt = select(Article).where(Article.regulation_id == regulation_id).order_by(Article.id)
    return regulation, [analysed(docs.article_document(a), None) for a in db.session.scalars(stmt)]


LOADERS = {
    "announcement": announcement_documents,
    "recall": recall_documents,
    "regulation": regulation_documents,
}
