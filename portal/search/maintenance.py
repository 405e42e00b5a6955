"""Rebuild and check the index against the database; the start-up check."""

import logging
import threading
from dataclasses import dataclass, field

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError

from portal.extensions import db
from portal.search import analysis, pinyin, registry, sources
from portal.search.locking import rebuild_lock, rebuild_running
from portal.services.content import current_content_version

logger = logging.getLogger(__name__)


def rebuild_index(progress=lambda n: None, wait: bool = True, if_needed: bool = False):
    """Rebuild the current app's index from the database; return the document count.

    Only one rebuild runs at a time across processes and machines: a caller that does not
    wait gets None when another rebuild is under way; with if_needed, also when the index
    turns out sound once the lock is held (another process has just rebuilt it).
    """
    with rebuild_lock(wait) as acquired:
        if not acquired:
            logger.info("Search index rebuild skipped: another process is rebuilding")
            return None
        if if_needed and startup_problem() is None:
            logger.info("Search index rebuild skipped: another process has rebuilt it")
            return None
        return _rebuild(progress)


def _rebuild(progress) -> int:
    """Rebuild while holding the lock."""
    state = registry.state()
    state.rebuilding.set()
    try:
        version, _ = current_content_version()
        documents = sources.all_documents(db.session)
        count = state.backend.rebuild(documents, progress, version=version, session=db.session)
        db.session.commit()
        state.backend.after_rebuild()
    finally:
        state.rebuilding.clear()
        forget_index_caches()
    logger.info("Search index rebuilt: %d documents", count)
    return count


def forget_index_caches() -> None:
    """Drop the cuts and pinyin keys cached while indexing: after a rebuild they hold up to
    300,000 entries no search reads (in gunicorn's master, inherited by every worker)."""
    analysis.forget_index_cuts()
    pinyin.text_keys.cache_clear()


@dataclass
class IndexReport:
    """Differences between the database and the index."""

    problem: str | None = None
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    stale: bool = False

    @property
    def ok(self) -> bool:
        """True when the index matches the database."""
        return not (self.problem or self.missing or self.extra or self.stale)


def check_index() -> IndexReport:
    """Compare document keys and the content version of the index with the database."""
    backend = registry.backend()
    problem = backend.problem()
    if problem:
        return IndexReport(problem=problem)
    expected = set(sources.all_keys(db.session))
    indexed = backend.keys()
    version, _ = current_content_version()
    return IndexReport(
        missing=sorted(expected - indexed),
        extra=sorted(indexed - expected),
        stale=backend.indexed_version() not in (None, version),
    )


def startup_problem() -> str | None:
    """Why the index must be rebuilt at start-up (missing, corrupt, stale), or None."""
    backend = registry.backend()
    problem = backend.problem()
    if problem:
        return problem
    version, _ = current_content_version()
    indexed = backend.indexed_version()
    return "stale" if indexed is not None and indexed != version else None


def ensure_index(app: Flask, mode: str) -> threading.Thread | None:
    """Rebuild a missing, corrupt or stale index: in the background, synchronously, or not."""
    if mode == "off":
        return None
    with app.app_context():
        try:
            problem = startup_problem()
        except SQLAlchemyError:
            logger.warning("Database not ready; search index check skipped")
            return None
    if problem is None or (mode == "background" and rebuild_under_way(app)):
        return None
    logger.warning("Search index %s: rebuilding (%s)", problem, mode)
    if mode == "sync":
        _rebuild_in_context(app)
        return None
    state = registry.state(app)
    state.rebuilding.set()
    thread = threading.Thread(target=_rebuild_in_context, args=(app,), daemon=True)
    state.rebuild_thread = thread
    thread.start()
    return thread


def rebuild_under_way(app: Flask) -> bool:
    """True while this process's rebuild thread runs or another holds the rebuild lock."""
    thread = registry.state(app).rebuild_thread
    if thread is not None and thread.is_alive():
        return True
    with app.app_context():
        return rebuild_running()


def _rebuild_in_context(app: Flask) -> None:
    """Rebuild inside an app context (for the background thread), unless another process
    has repaired the index meanwhile."""
    with app.app_context():
        try:
            count = rebuild_index(wait=False, if_needed=True)
            if count is not None:
                logger.warning("Search index rebuilt: %d documents", count)
        except Exception:
            logger.exception("Search index rebuild failed")
        finally:
            registry.state(app).rebuilding.clear()
            db.session.remove()
