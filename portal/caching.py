"""HTTP validators and response caching keyed by the site-wide content version and language.

A cached page costs no database round trip: the content version is held in the process for
CONTENT_VERSION_TTL seconds (and forgotten at once when this process commits a change), and
responses are looked up in a small in-process LRU before the shared cache. Entries are keyed
by the content version and the locale, so they live until the version changes and a page in one
language is never served in the other (responses vary on the `lang` cookie, API responses on
Accept-Language); one renderer fills a missing entry while other requests for it wait briefly.
"""

import hashlib
import time
from datetime import UTC, datetime
from functools import wraps

from flask import current_app, make_response, request, session

from portal.extensions import cache
from portal.i18n import current_locale, is_api_request
from portal.response_store import held_content_version, local_responses

DEFAULT_MAX_AGE = 60
# How long a request waits for another worker that renders the same missing page.
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.05


def content_stamp() -> tuple[int, datetime | None]:
    """The content version and last change time, read once per request."""
    stamp = request.environ.get("portal.content_stamp")
    if stamp is None:
        stamp = request.environ["portal.content_stamp"] = held_content_version()
    return stamp


def request_etag() -> str:
    """A strong validator for this URL in this language at the current content version."""
    version, _ = content_stamp()
    seed = f"{version}|{current_locale()}|{request.full_path}"
    return hashlib.sha256(seed.encode()).hexdigest()[:32]


def last_modified() -> datetime | None:
    """Aware UTC time of the last content change, to the second."""
    _, changed_at = content_stamp()
    return changed_at.replace(tzinfo=UTC, microsecond=0) if changed_at else None


def _cache_key() -> str:
    """Cache key of the current request's response."""
    return f"response:{request_etag()}"


def _cacheable() -> bool:
    """True when a response may be shared: not a staff page, no flashed messages."""
    if current_app.config.get("DISABLE_RESPONSE_CACHE") or request.path.startswith("/admin"):
        return False
    has_session = current_app.config["SESSION_COOKIE_NAME"] in request.cookies
    return not (has_session and session.get("_flashes"))


def _stored_response(key: str):
    """A stored (body, status, headers) from the process's LRU or the shared cache."""
    local = local_responses()
    stored = local.get(key)
    if stored is None:
        stored = cache.get(key)
        if stored is not None:
            local.put(key, stored)
    return stored


def _claim_rendering(key: str) -> bool:
    """True when this request is the one to render a missing page (no other is at it)."""
    return bool(cache.add(f"rendering:{key}", 1, timeout=int(RENDER_WAIT_SECONDS) + 1))


def _wait_for_other_renderer(key: str):
    """Wait briefly for the request that renders this page; None when it did not finish."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        stored = cache.get(key)
        if stored is not None:
            return stored
    return None


def _store(key: str, response) -> None:
    """Keep a successful, complete response in both cache layers."""
    stored = (response.get_data(), response.status_code, list(response.headers))
    cache.set(key, stored, timeout=current_app.config["RESPONSE_CACHE_SECONDS"])
    local_responses().put(key, stored)


def _cached_view_response(view, args, kwargs):
    """The view's response, from a cache layer when an identical one was rendered."""
    key = _cache_key()
    stored = _stored_response(key)
    if stored is None and not _claim_rendering(key):
        stored = _wait_for_other_renderer(key)
    if stored is not None:
        body, status, headers = stored
        return current_app.response_class(body, status=status, headers=headers)
    try:
        response = make_response(view(*args, **kwargs))
        if response.status_code == 200 and not response.is_streamed:
            _store(key, response)
    finally:
        cache.delete(f"rendering:{key}")
    return response


def conditional(max_age: int = DEFAULT_MAX_AGE):
    """Decorate a GET view with ETag/Last-Modified, 304 answers and a shared response cache."""

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _cacheable():
                return view(*args, **kwargs)
            response = _cached_view_response(view, args, kwargs)
            response.set_etag(request_etag())
            response.last_modified = last_modified()
            response.cache_control.public = True
            response.cache_control.max_age = max_age
            response.vary.add("Accept-Language" if is_api_request() else "Cookie")
            return response.make_conditional(request)

        return wrapper

    return decorator
