"""Keep the bulk downloads current: rewrite them in the background after content changed.

A writing request whose commit bumped the content version starts a background thread once its
response has been sent (the staff member never waits, and the worker is free for the next
request); `flask --app portal publish-due` (cron, every minute) calls `refresh_downloads` too, so a
CLI publish or an export lost with a restarted worker is caught up within a minute. One export at
a time per export folder (a file lock); an export is skipped when the files already show the
current content version.
"""

import fcntl
import logging
import threading
from contextlib import contextmanager

from flask import Flask, current_app, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db
from portal.services.content import current_content_version

logger = logging.getLogger(__name__)

CHANGED = "content_changed"
PENDING = "export_pending"
LOCK_FILE = ".export.lock"
_threads: list[threading.Thread] = []


@event.listens_for(Session, "after_commit")
def _mark_export_pending(session: Session) -> None:
    """A committed content-version bump makes the bulk files stale."""
    if session.info.pop(CHANGED, False):
        session.info[PENDING] = True


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back_change(session: Session) -> None:
    """A rolled-back bump changes nothing."""
    session.info.pop(CHANGED, None)


def export_after_publishing(response):
    """After a writing request whose commit changed content, refresh the bulk downloads.

    The export starts once the response has been sent: in a background thread
    (EXPORT_IN_BACKGROUND) or, when that is off, in the closing request itself.
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or not db.session.info.pop(PENDING, False):
        return response
    if current_app.config["EXPORT_AFTER_PUBLISH"]:
        app = current_app._get_current_object()
        if app.config["EXPORT_IN_BACKGROUND"]:
            response.call_on_close(lambda: start_background_export(app))
        else:
            response.call_on_close(lambda: regenerate_downloads(app))
    return response


def start_background_export(app: Flask) -> threading.Thread:
    """Refresh the bulk downloads in a daemon thread; return the thread."""
    thread = threading.Thread(
        target=regenerate_downloads, args=(app,), name="bulk-export", daemon=True
    )
    _threads[:] = [t for t in _threads if t.is_alive()] + [thread]
    thread.start()
    return thread


def wait_for_exports(timeout: float = 60) -> None:
    """Wait for the background exports started by this process (tests, shutdown)."""
    for thread in list(_threads):
        thread.join(timeout)


def regenerate_downloads(app: Flask) -> None:
    """Refresh every bulk download in a fresh app context; log instead of failing."""
    with app.app_context():
        try:
            refresh_downloads()
        except Exception:
            logger.exception("Bulk downloads could not be regenerated")
        finally:
            db.session.remove()


def refresh_downloads(force: bool = False, wait: bool = True) -> dict | None:
    """Rewrite the bulk downloads unless they show the current content version; return the
    new manifest, or None when they were current. An export already running is waited for,
    or (wait=False, cron) left to finish: the next run catches up if it read older content."""
    from portal.api.exports import export_datasets, export_dir, read_manifest

    folder = export_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with _export_lock(folder / LOCK_FILE, wait) as locked:
        if not locked:
            logger.info("Another export is running; skipped")
            return None
        manifest = read_manifest()
        version, _ = current_content_version()
        db.session.rollback()
        if not force and manifest and manifest.get("content_version", -1) >= version:
            return None
        return export_datasets()


@contextmanager
def _export_lock(path, wait: bool):
    """An exclusive lock on a file across threads and processes; yields False when it is taken
    and wait is False."""
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def register_export_hook(app: Flask) -> None:
    """Install the after-request export hook."""
    app.after_request(export_after_publishing)
