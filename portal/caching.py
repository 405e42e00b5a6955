"""HTTP validators and response caching keyed by the site-wide content version and language.

A cached page costs no database round trip: the content version is held in the process for
CONTENT_VERSION_TTL seconds (and forgotten at once when this process commits a change), and
responses are looked up in a small in-process LRU before the shared cache. Entries are keyed
by the content version, the parsed query (only the arguments the view reads) and the locale, so
they live until the version changes, junk arguments share one entry and a page in one language
is never served in the other (pages vary on the `lang` cookie, API responses on
Accept-Language); one renderer fills a missing entry while other requests for it wait briefly.
Bodies are stored once plain and once gzipped; each request gets the form its Accept-Encoding
allows. portal/fast_path.py serves the same entries to anonymous GETs before Flask runs.
"""

import gzip
import hashlib
import time
from datetime import UTC, datetime
from functools import wraps
from operator import itemgetter
from urllib.parse import urlencode

from flask import current_app, make_response, request, session
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.http import http_date, parse_accept_header, parse_date, parse_etags, quote_etag

from portal.extensions import cache
from portal.i18n import locale_of, vary_header
from portal.response_store import StoredResponse, held_content_version, local_responses
from portal.security import security_headers
from portal.static_assets import assets_version

DEFAULT_MAX_AGE = 60
# How long a request waits for another worker that renders the same missing page.
RENDER_WAIT_SECONDS = 3.0
RENDER_POLL_SECONDS = 0.05
# `conditional(params=ANY_PARAMS)`: the view validates every argument itself (the API refuses
# unknown ones), so all of them are part of the key.
ANY_PARAMS = None
# Bodies smaller than this are not worth compressing.
GZIP_MIN_BYTES = 1024
COMPRESSIBLE = ("text/", "application/json", "application/problem+json", "application/xml")
COMPRESSIBLE_SUFFIXES = ("+xml", "+json", "javascript", "csv")
# Headers a stored entry never keeps: they are set per answer.
PER_ANSWER = {"content-length", "content-encoding", "etag", "last-modified", "cache-control"}
# Headers a 304 answer repeats (RFC 9110 section 15.4.5).
NOT_MODIFIED_HEADERS = {"cache-control", "etag", "last-modified", "vary", "expires"}


def param_names(*schemas, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The query argument names a view reads: its schemas' fields plus any extra names."""
    names = set(extra)
    for schema in schemas:
        names.update(f.data_key or name for name, f in schema._declared_fields.items())
    return frozenset(names)


def canonical_args(args, params) -> list[tuple[str, str]]:
    """The arguments a view reads, sorted by name (values keep their order), empty ones
    dropped; with ANY_PARAMS every argument is kept as given."""
    if params is ANY_PARAMS:
        items = list(args.items(multi=True))
    else:
        names = params(args) if callable(params) else params
        items = [(k, v) for k, v in args.items(multi=True) if k in names and v != ""]
    return sorted(items, key=itemgetter(0))


def response_variant(req) -> str:
    """What else a shared response depends on besides path and query: the locale.

    The one place to add a dimension; the fast path keys on it too. `req` is a werkzeug Request
    (Flask's request or the fast path's)."""
    return locale_of(req)


def cache_key(app, req, version: int, args: list[tuple[str, str]]) -> str:
    """The one place a cached response's key is built (the ETag derives from it): content
    version, static assets' version, path, parsed query and variant."""
    seed = f"{version}|{assets_version(app)}|{req.path}|{urlencode(args)}|{response_variant(req)}"
    return "response:" + hashlib.sha256(seed.encode()).hexdigest()[:32]


def content_stamp() -> tuple[int, datetime | None]:
    """The content version and last change time, read once per request."""
    stamp = request.environ.get("portal.content_stamp")
    if stamp is None:
        stamp = request.environ["portal.content_stamp"] = held_content_version()
    return stamp


def request_etag() -> str:
    """A strong validator for this URL at the current content version."""
    return _cache_key().removeprefix("response:")


def last_modified() -> datetime | None:
    """Aware UTC time of the last content change, to the second."""
    _, changed_at = content_stamp()
    return changed_at.replace(tzinfo=UTC, microsecond=0) if changed_at else None


def _cache_key() -> str:
    """Cache key of the current request's response (its arguments already canonical)."""
    params = getattr(request, "cache_params", ANY_PARAMS)
    args = canonical_args(request.args, params)
    return cache_key(current_app, request, content_stamp()[0], args)


def _cacheable() -> bool:
    """True when a response may be shared: not a staff page, no flashed messages."""
    if current_app.config.get("DISABLE_RESPONSE_CACHE") or request.path.startswith("/admin"):
        return False
    has_session = current_app.config["SESSION_COOKIE_NAME"] in request.cookies
    return not (has_session and session.get("_flashes"))


def _canonicalise_request(params) -> None:
    """Show the view only the arguments it reads, in canonical order (links it builds from
    request.args then match the key it is stored under)."""
    if params is ANY_PARAMS:
        return
    args = canonical_args(request.args, params)
    query = urlencode(args)
    request.args = ImmutableMultiDict(args)
    request.environ["QUERY_STRING"] = query
    request.query_string = query.encode()
    for name in ("full_path", "url"):
        request.__dict__.pop(name, None)


def stored_response(key: str) -> StoredResponse | None:
    """A stored response from the process's LRU or the shared cache."""
    local = local_responses()
    stored = local.get(key)
    if stored is None:
        stored = cache.get(key)
        if not isinstance(stored, StoredResponse):
            return None
        local.put(key, stored)
    return stored


def _claim_rendering(key: str) -> bool:
    """True when this request is the one to render a missing page (no other is at it)."""
    return bool(cache.add(f"rendering:{key}", 1, timeout=int(RENDER_WAIT_SECONDS) + 1))


def _wait_for_other_renderer(key: str) -> StoredResponse | None:
    """Wait briefly for the request that renders this page; None when it did not finish."""
    deadline = time.monotonic() + RENDER_WAIT_SECONDS
    while time.monotonic() < deadline:
        time.sleep(RENDER_POLL_SECONDS)
        stored = cache.get(key)
        if isinstance(stored, StoredResponse):
            return stored
    return None


def compressible(mimetype: str) -> bool:
    """True for text-like media types."""
    return mimetype.startswith(COMPRESSIBLE) or mimetype.endswith(COMPRESSIBLE_SUFFIXES)


def entry_of(response, key: str, max_age: int) -> StoredResponse:
    """A rendered 200 response as a cache entry: final headers, plain and gzipped body."""
    body = response.get_data()
    gzipped = None
    if len(body) >= GZIP_MIN_BYTES and compressible(response.mimetype or ""):
        gzipped = gzip.compress(body, compresslevel=6, mtime=0)
    headers = [(k, v) for k, v in response.headers if k.lower() not in PER_ANSWER]
    modified = last_modified()
    if modified:
        headers.append(("Last-Modified", http_date(modified)))
    headers.append(("Cache-Control", f"public, max-age={max_age}"))
    vary = [v.strip() for k, v in headers if k.lower() == "vary"] + [vary_header(request.path)]
    if gzipped is not None:
        vary.append("Accept-Encoding")
    headers = [(k, v) for k, v in headers if k.lower() != "vary"]
    headers.append(("Vary", ", ".join(dict.fromkeys(filter(None, vary)))))
    present = {k.lower() for k, _ in headers}
    headers += [(k, v) for k, v in security_headers(request.path) if k.lower() not in present]
    etag = key.removeprefix("response:")
    return StoredResponse(headers, body, gzipped, etag, modified)


def _store(key: str, entry: StoredResponse) -> None:
    """Keep an entry in both cache layers."""
    cache.set(key, entry, timeout=current_app.config["RESPONSE_CACHE_SECONDS"])
    local_responses().put(key, entry)


def accepts_gzip(environ: dict) -> bool:
    """True when the request's Accept-Encoding allows gzip."""
    value = environ.get("HTTP_ACCEPT_ENCODING")
    return bool(value) and parse_accept_header(value).quality("gzip") > 0


def not_modified(entry: StoredResponse, etag: str, environ: dict) -> bool:
    """True when the client's validators match (If-None-Match wins; a future
    If-Modified-Since is ignored, as RFC 9110 section 13.1.3 asks)."""
    if_none_match = environ.get("HTTP_IF_NONE_MATCH")
    if if_none_match:
        return parse_etags(if_none_match).contains_weak(etag)
    since = parse_date(environ.get("HTTP_IF_MODIFIED_SINCE"))
    if since is None or entry.last_modified is None or since > datetime.now(UTC):
        return False
    return entry.last_modified <= since


def answer(entry: StoredResponse, environ: dict) -> tuple[int, list, bytes]:
    """(status, headers, body) of an entry for one request: gzip when accepted, 304 when the
    client's copy is current."""
    zipped = entry.gzipped is not None and accepts_gzip(environ)
    etag = entry.etag + ("-gz" if zipped else "")
    headers = [*entry.headers, ("ETag", quote_etag(etag))]
    if not_modified(entry, etag, environ):
        return 304, [(k, v) for k, v in headers if k.lower() in NOT_MODIFIED_HEADERS], b""
    body = entry.gzipped if zipped else entry.body
    if zipped:
        headers.append(("Content-Encoding", "gzip"))
    headers.append(("Content-Length", str(len(body))))
    return 200, headers, body


def _cached_entry(view, args, kwargs, max_age: int):
    """The view's entry from a cache layer or freshly rendered; a response that may not be
    stored (not 200, streamed, `Cache-Control: no-store`) is returned as it is."""
    key = _cache_key()
    stored = stored_response(key)
    if stored is None and not _claim_rendering(key):
        stored = _wait_for_other_renderer(key)
    if stored is not None:
        return stored
    try:
        response = make_response(view(*args, **kwargs))
        if response.status_code != 200 or response.is_streamed or response.cache_control.no_store:
            return response
        entry = entry_of(response, key, max_age)
        _store(key, entry)
        return entry
    finally:
        cache.delete(f"rendering:{key}")


def _with_validators(response, max_age: int):
    """A successful response that is not stored (a streamed CSV) still gets validators and
    answers 304; anything else (an error, a view's `Cache-Control: no-store`) goes out as the
    view made it."""
    if response.status_code != 200 or response.cache_control.no_store:
        return response
    response.set_etag(request_etag())
    response.last_modified = last_modified()
    response.cache_control.public = True
    response.cache_control.max_age = max_age
    response.vary.add(vary_header(request.path))
    return response.make_conditional(request)


def conditional(max_age: int = DEFAULT_MAX_AGE, params=ANY_PARAMS):
    """Decorate a GET view with ETag/Last-Modified, 304 answers and a shared response cache.

    `params`: the query argument names the view reads (see param_names), or a function of the
    arguments giving them; others are dropped before the view runs and are no part of the key.
    ANY_PARAMS keeps every argument."""
    if params is not ANY_PARAMS and not callable(params):
        params = frozenset(params)

    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if not _cacheable():
                return view(*args, **kwargs)
            request.cache_params = params
            _canonicalise_request(params)
            entry = _cached_entry(view, args, kwargs, max_age)
            if not isinstance(entry, StoredResponse):
                return _with_validators(entry, max_age)
            status, headers, body = answer(entry, request.environ)
            response = current_app.response_class(body, status=status, headers=headers)
            return response

        wrapper.cache_params = params
        return wrapper

    return decorator
