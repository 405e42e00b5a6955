"""The health report for load balancers: database, cache and search index, each on its own."""

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from portal.errors import RETRY_AFTER_SECONDS
from portal.extensions import cache, db
from portal.search import registry
from portal.search.locking import rebuild_running


def database_status() -> str:
    """'ok' when the database answers a trivial query."""
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        db.session.rollback()
        return "unavailable"
    return "ok"


def cache_status() -> str:
    """'ok', or 'degraded' while Redis is away and pages are served uncached."""
    ping = getattr(cache.cache, "ping", None)
    if ping is None:
        return "ok"
    return "ok" if ping() else "degraded"


def search_status() -> str:
    """'ok', 'rebuilding', or why the index cannot serve (missing, corrupt, outdated);
    'unknown' while the database that holds the rebuild lock (PostgreSQL) is unavailable."""
    try:
        if registry.is_rebuilding() or rebuild_running():
            return "rebuilding"
        return registry.backend().problem() or "ok"
    except SQLAlchemyError:
        db.session.rollback()
        return "unknown"


def health_report() -> tuple[dict, int, dict]:
    """Each dependency's state; 503 only when the database, which every page needs, is down."""
    report = {
        "database": database_status(),
        "cache": cache_status(),
        "search": search_status(),
    }
    healthy = report["database"] == "ok"
    degraded = any(value != "ok" for value in report.values())
    report["status"] = "error" if not healthy else ("degraded" if degraded else "ok")
    if not healthy:
        return report, 503, {"Retry-After": RETRY_AFTER_SECONDS, "Cache-Control": "no-store"}
    return report, 200, {"Cache-Control": "no-store"}
