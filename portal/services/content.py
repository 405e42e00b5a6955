"""The site-wide content version: bumped by every write, read for cache keys and ETags."""

from datetime import datetime

from portal.extensions import db
from portal.models import SiteState, utcnow

# Session flag read after commit by the process-local content version (portal/response_store).
VERSION_BUMPED = "content_version_bumped"


def bump_content_version() -> int:
    """Increase the content version inside the caller's transaction; return the new value."""
    state = db.session.get(SiteState, 1, with_for_update=True)
    if state is None:
        state = SiteState(id=1, content_version=0)
        db.session.add(state)
    state.content_version = (state.content_version or 0) + 1
    state.content_updated_at = utcnow()
    db.session.info["content_changed"] = True  # read after commit (bulk-download regeneration)
    db.session.info[VERSION_BUMPED] = True
    return state.content_version


def current_content_version() -> tuple[int, datetime | None]:
    """The content version and the time of the last change."""
    state = db.session.get(SiteState, 1)
    if state is None:
        return 0, None
    return state.content_version, state.content_updated_at
