"""Read searchable records from the database as SearchDocuments."""

from collections.abc import Iterator

from sqlalchemy import func, select
from sqlalchemy.orm import Session, contains_eager

from portal.models import (
    Announcement,
    Article,
    Batch,
    Enterprise,
    PublicationStatus,
    Recall,
    Regulation,
    Result,
)
from portal.queries.enterprises import has_public_record
from portal.search import documents as docs

CHUNK = 2000
LIVE = PublicationStatus.PUBLISHED


def failed_announcement_ids(session: Session, ids: list[int] | None = None) -> set[int]:
    """Ids of announcements with at least one failed batch."""
    stmt = select(Batch.announcement_id).where(Batch.result == Result.FAIL).distinct()
    if ids is not None:
        stmt = stmt.where(Batch.announcement_id.in_(ids))
    return set(session.scalars(stmt))


def announcement_documents(session: Session, ids=None) -> Iterator[docs.SearchDocument]:
    """Documents of live announcements (all, or those with the given ids)."""
    stmt = select(Announcement).where(Announcement.status == LIVE).order_by(Announcement.id)
    if ids is not None:
        stmt = stmt.where(Announcement.id.in_(ids))
    failed = failed_announcement_ids(session, None if ids is None else list(ids))
    for announcement in session.scalars(stmt.execution_options(yield_per=CHUNK)):
        yield docs.announcement_document(announcement, announcement.id in failed)


def batch_documents(session: Session, ids=None, announcement_ids=None):
    """Documents of batches of live announcements."""
    stmt = (
        select(Batch)
        .join(Batch.announcement)
        .options(contains_eager(Batch.announcement))
        .where(Announcement.status == LIVE)
        .order_by(Batch.id)
    )
    if ids is not None:
        stmt = stmt.where(Batch.id.in_(ids))
    if announcement_ids is not None:
        stmt = stmt.where(Batch.announcement_id.in_(announcement_ids))
    for batch in session.scalars(stmt.execution_options(yield_per=CHUNK)):
        yield docs.batch_document(batch, batch.announcement)


def recall_documents(session: Session, ids=None) -> Iterator[docs.SearchDocument]:
    """Documents of live recalls."""
    stmt = select(Recall).where(Recall.status == LIVE).order_by(Recall.id)
    if ids is not None:
        stmt = stmt.where(Recall.id.in_(ids))
    for recall in session.scalars(stmt.execution_options(yield_per=CHUNK)):
        yield docs.recall_document(recall)


def article_documents(session: Session, ids=None, regulation_ids=None):
    """Documents of articles of live regulations."""
    stmt = (
        select(Article)
        .join(Article.regulation)
        .options(contains_eager(Article.regulation))
        .where(Regulation.status == LIVE)
        .order_by(Article.id)
    )
    if ids is not None:
        stmt = stmt.where(Article.id.in_(ids))
    if regulation_ids is not None:
        stmt = stmt.where(Article.regulation_id.in_(regulation_ids))
    for article in session.scalars(stmt.execution_options(yield_per=CHUNK)):
        yield docs.article_document(article)


def enterprise_documents(session: Session, ids=None) -> Iterator[docs.SearchDocument]:
    """Documents of enterprises."""
    stmt = select(Enterprise).where(has_public_record()).order_by(Enterprise.id)
    if ids is not None:
        stmt = stmt.where(Enterprise.id.in_(ids))
    for enterprise in session.scalars(stmt.execution_options(yield_per=CHUNK)):
        yield docs.enterprise_document(enterprise)


def all_documents(session: Session) -> Iterator[docs.SearchDocument]:
    """Every searchable document in the database."""
    yield from article_documents(session)
    yield from enterprise_documents(session)
    yield from recall_documents(session)
    yield from announcement_documents(session)
    yield from batch_documents(session)


def count_documents(session: Session) -> int:
    """How many documents all_documents() yields."""
    live_batches = select(func.count(Batch.id)).join(Batch.announcement)
    counts = (
        select(func.count(Announcement.id)).where(Announcement.status == LIVE),
        live_batches.where(Announcement.status == LIVE),
        select(func.count(Recall.id)).where(Recall.status == LIVE),
        select(func.count(Article.id)).join(Article.regulation).where(Regulation.status == LIVE),
        select(func.count(Enterprise.id)).where(has_public_record()),
    )
    return sum(session.scalar(stmt) for stmt in counts)


def all_keys(session: Session) -> Iterator[str]:
    """Keys of every searchable document, without loading the records."""
    queries = {
        "announcement": select(Announcement.id).where(Announcement.status == LIVE),
        "batch": select(Batch.id).join(Batch.announcement).where(Announcement.status == LIVE),
        "recall": select(Recall.id).where(Recall.status == LIVE),
        "article": select(Article.id).join(Article.regulation).where(Regulation.status == LIVE),
        "enterprise": select(Enterprise.id).where(has_public_record()),
    }
    for doc_type, stmt in queries.items():
        for record_id in session.scalars(stmt):
            yield docs.document_key(doc_type, record_id)


def documents_for(session: Session, targets: dict[str, set[int]]) -> list[docs.SearchDocument]:
    """Live documents of the targeted records (doc type -> ids); missing ones are not live."""
    found: list[docs.SearchDocument] = []
    loaders = {
        "announcement": announcement_documents,
        "batch": batch_documents,
        "recall": recall_documents,
        "article": article_documents,
        "enterprise": enterprise_documents,
    }
    for doc_type, ids in targets.items():
        if ids:
            found.extend(loaders[doc_type](session, ids=sorted(ids)))
    return found
