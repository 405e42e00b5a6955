"""HTTP validators and response caching keyed by the site-wide content version."""

import hashlib
from datetime import UTC, datetime
from functools import wraps

from flask import current_app, make_response, request, session

from portal.extensions import cache
from portal.services.content import current_content_version

DEFAULT_MAX_AGE = 60


def content_stamp() -> tuple[int, datetime | None]:
    """The content version and last change time, read once per request."""
    stamp = request.environ.get("portal.content_stamp")
    if stamp is None:
        stamp = request.environ["portal.content_stamp"] = current_content_version()
    return stamp


def request_etag() -> str:
    """A strong validator for this URL at the current content version."""
    version, _ = content_stamp()
    seed = f"{version}|{request.full_path}|{request.accept_mimetypes}"
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


def _cached_view_response(view, args, kwargs):
    """The view's response, from the shared cache when an identical one was rendered."""
    key = _cache_key()
    stored = cache.get(key)
    if stored is not None:
        body, status, headers = stored
        return current_app.response_class(body, status=status, headers=headers)
    response = make_response(view(*args, **kwargs))
    if response.status_code == 200 and not response.is_streamed:
        cache.set(key, (response.get_data(), response.status_code, list(response.headers)))
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
            return response.make_conditional(request)

        return wrapper

    return decorator
