"""Regenerate the bulk downloads after a request that published content (never in a GET)."""

import logging

from flask import Flask, current_app, request
from sqlalchemy import event
from sqlalchemy.orm import Session

from portal.extensions import db

logger = logging.getLogger(__name__)

CHANGED = "content_changed"
PENDING = "export_pending"


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
    """After a writing request whose commit changed content, rewrite the bulk downloads.

    The export runs once the response has been sent, so the editor does not wait for it.
    """
    if request.method in ("GET", "HEAD", "OPTIONS") or not db.session.info.pop(PENDING, False):
        return response
    if current_app.config["EXPORT_AFTER_PUBLISH"]:
        app = current_app._get_current_object()
        response.call_on_close(lambda: regenerate_downloads(app))
    return response


def regenerate_downloads(app: Flask) -> None:
    """Rewrite every bulk download in a fresh app context; log instead of failing."""
    from portal.api.exports import export_datasets

    with app.app_context():
        try:
            export_datasets()
        except Exception:
            logger.exception("Bulk downloads could not be regenerated")


def register_export_hook(app: Flask) -> None:
    """Install the after-request export hook."""
    app.after_request(export_after_publishing)
