"""The index follows the database: collect changed rows at flush, apply them after commit."""

import logging
from collections import defaultdict

from flask import current_app, has_app_context
from sqlalchemy import event, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Delete, Insert, Update

from portal.models import Announcement, Article, Batch, Enterprise, Recall, Regulation, SiteState
from portal.search import registry, sources

logger = logging.getLogger(__name__)

PENDING = "search_pending"
VERSION = "search_version"
BULK = "search_bulk"
DIRECT = {Announcement: "announcement", Batch: "batch", Recall: "recall"}
DIRECT |= {Article: "article", Enterprise: "enterprise", Regulation: "regulation"}
TABLES = {model.__table__.name for model in DIRECT}
_registered = False


def register_session_events() -> None:
    """Listen to every session once per process."""
    global _registered
    if _registered:
        return
    event.listen(Session, "after_flush", collect_changes)
    event.listen(Session, "do_orm_execute", notice_bulk_statement)
    event.listen(Session, "before_commit", apply_in_transaction)
    event.listen(Session, "after_commit", apply_after_commit)
    event.listen(Session, "after_rollback", forget_changes)
    _registered = True


def collect_changes(session: Session, _context) -> None:
    """Remember the searchable rows this flush added, changed or deleted."""
    pending = session.info.setdefault(PENDING, defaultdict(set))
    for record in (*session.new, *session.dirty, *session.deleted):
        if isinstance(record, SiteState):
            session.info[VERSION] = record.content_version
        doc_type = DIRECT.get(type(record))
        if doc_type and record.id is not None:
            pending[doc_type].add(record.id)
            if isinstance(record, Batch) and record.announcement_id:
                pending["announcement"].add(record.announcement_id)


def notice_bulk_statement(orm_execute_state) -> None:
    """Bulk INSERT/UPDATE/DELETE statements bypass flush: rebuild after their commit."""
    statement = orm_execute_state.statement
    if isinstance(statement, Insert | Update | Delete) and statement.table.name in TABLES:
        orm_execute_state.session.info[BULK] = True


def forget_changes(session: Session) -> None:
    """Drop what a rolled-back transaction collected."""
    for key in (PENDING, VERSION, BULK):
        session.info.pop(key, None)


def _active_backend(session: Session):
    """The app's backend, or None outside an app with search set up or while paused."""
    if not has_app_context() or registry.EXTENSION not in current_app.extensions:
        return None
    if not current_app.config.get("SEARCH_AUTO_INDEX", True):
        forget_changes(session)  # paused: bulk loads are followed by `search rebuild`
        return None
    return registry.backend()


def apply_in_transaction(session: Session) -> None:
    """Transactional backends (PostgreSQL) write in the committing transaction."""
    backend = _active_backend(session)
    if backend is None or not backend.transactional:
        return
    session.flush()
    changes = take_changes(session)
    if changes:
        apply_changes(session, backend, *changes)


def apply_after_commit(session: Session) -> None:
    """Other backends (Whoosh) are written right after the commit, from a fresh session."""
    backend = _active_backend(session)
    if backend is None or backend.transactional:
        return
    changes = take_changes(session)
    if not changes:
        return
    with Session(session.get_bind()) as reader:
        try:
            apply_changes(reader, backend, *changes)
        except Exception:
            logger.exception("Search index update failed; run `flask --app portal search rebuild`")


def take_changes(session: Session):
    """Pop (targets, version, bulk) collected in the session, or None when nothing changed."""
    targets = session.info.pop(PENDING, None)
    version = session.info.pop(VERSION, None)
    bulk = session.info.pop(BULK, False)
    if not targets and version is None and not bulk:
        return None
    return targets or {}, version, bulk


def apply_changes(session: Session, backend, targets: dict, version, bulk: bool) -> None:
    """Write the collected changes (or rebuild after a bulk statement) to the backend."""
    if bulk:
        logger.info("Bulk change: rebuilding the search index")
        backend.rebuild(sources.all_documents(session), version=version, session=session)
        return
    expanded = expand_targets(session, targets)
    documents = sources.documents_for(session, expanded)
    found = {doc.key for doc in documents}
    deleted = {f"{doc_type}:{i}" for doc_type, ids in expanded.items() for i in ids} - found
    backend.apply(documents, deleted, version=version, session=session)


def enterprises_of(session: Session, targets: dict[str, set[int]]) -> set[int]:
    """Ids of the enterprises of the targeted batches and recalls."""
    found: set[int] = set()
    for model, doc_type in ((Batch, "batch"), (Recall, "recall")):
        if targets.get(doc_type):
            stmt = select(model.enterprise_id).where(model.id.in_(targets[doc_type]))
            found.update(i for i in session.scalars(stmt) if i is not None)
    return found


def expand_targets(session: Session, targets: dict) -> dict[str, set[int]]:
    """Announcements bring their batches, regulations their articles; announcements, batches
    and recalls bring their enterprises (whose public existence depends on them)."""
    expanded = {doc_type: set(ids) for doc_type, ids in targets.items() if doc_type != "regulation"}
    if targets.get("announcement"):
        stmt = select(Batch.id).where(Batch.announcement_id.in_(targets["announcement"]))
        expanded.setdefault("batch", set()).update(session.scalars(stmt))
    expanded.setdefault("enterprise", set()).update(enterprises_of(session, expanded))
    if targets.get("regulation"):
        stmt = select(Article.id).where(Article.regulation_id.in_(targets["regulation"]))
        expanded.setdefault("article", set()).update(session.scalars(stmt))
    return expanded
