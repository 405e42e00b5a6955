"""Cached pages for anonymous GETs before Flask runs.

A hit on a public page otherwise pays for Flask's request context, the session, Flask-Limiter,
the before/after hooks and the view decorator, about four times the cost of the page itself.
This WSGI middleware answers from the same entries `portal.caching.conditional` stores, with
the same key, validators and headers, when nothing in the request could change the answer:
GET or HEAD, no session cookie, no Range, an endpoint of a blueprint without rate limits whose
view is `conditional`, no control characters. Everything else goes to Flask unchanged.
"""

from http import HTTPStatus

from flask import Flask
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.exceptions import HTTPException
from werkzeug.routing import RequestRedirect
from werkzeug.wrappers import Request

from portal.caching import answer, cache_key, canonical_args, stored_response
from portal.response_store import fresh_held_version, held_content_version, local_responses
from portal.security import HSTS, PATH_CONTROL, VALUE_CONTROL

# Blueprints whose cached views read nothing but path and query (the API and feeds are limited
# per client, so they always go through Flask), less their rate-limited views: a limit is
# counted in Flask (tests/test_fast_path.py checks this list against Flask-Limiter's).
FAST_BLUEPRINTS = frozenset({"public", "public_plan"})
RATE_LIMITED_ENDPOINTS = frozenset({"public.search"})
STATUS_LINES = {status.value: f"{status.value} {status.phrase}" for status in HTTPStatus}


class FastPath:
    """WSGI middleware serving stored public pages without entering Flask."""

    def __init__(self, app: Flask, wsgi_app):
        self.app, self.wsgi_app = app, wsgi_app
        self.session_cookie = app.config["SESSION_COOKIE_NAME"]

    def __call__(self, environ, start_response):
        """Answer from the response cache when possible, else pass the request to Flask."""
        try:
            found = self.lookup(environ)
        except SQLAlchemyError:  # the database is away: Flask answers with its 503
            found = None
        if found is None:
            return self.wsgi_app(environ, start_response)
        status, headers, body = answer(found, environ)
        if environ.get("wsgi.url_scheme") == "https":
            headers.append(("Strict-Transport-Security", HSTS))
        start_response(STATUS_LINES[status], headers)
        return [b""] if environ["REQUEST_METHOD"] == "HEAD" else [body]

    def lookup(self, environ):
        """The stored entry answering this request, or None."""
        if not self.eligible(environ):
            return None
        req = Request(environ)
        params = self.view_params(environ)
        if params is False or self.has_controls(req):
            return None
        args = canonical_args(req.args, params)
        version = fresh_held_version(self.app)
        if version is None:
            with self.app.app_context():
                version = held_content_version()
        key = cache_key(self.app, req, version[0], args)
        found = local_responses(self.app).get(key)
        if found is None:
            with self.app.app_context():
                found = stored_response(key)
        return found

    def eligible(self, environ) -> bool:
        """True for an anonymous GET/HEAD without Range while response caching is on."""
        if environ["REQUEST_METHOD"] not in ("GET", "HEAD") or "HTTP_RANGE" in environ:
            return False
        if self.app.config.get("DISABLE_RESPONSE_CACHE"):
            return False
        return self.session_cookie not in environ.get("HTTP_COOKIE", "")

    def view_params(self, environ):
        """The cached view's argument names for this path; False when it is not one."""
        try:
            endpoint, _ = self.app.url_map.bind_to_environ(environ).match()
        except (HTTPException, RequestRedirect):
            return False
        if not serves_endpoint(endpoint):
            return False
        view = self.app.view_functions.get(endpoint)
        return getattr(view, "cache_params", False)

    @staticmethod
    def has_controls(req: Request) -> bool:
        """True when Flask would refuse the request for a control character."""
        if PATH_CONTROL.search(req.path):
            return True
        items = req.args.items(multi=True)
        return any(VALUE_CONTROL.search(k) or VALUE_CONTROL.search(v) for k, v in items)


def serves_endpoint(endpoint: str) -> bool:
    """True when the fast path may answer for this endpoint."""
    return endpoint.rpartition(".")[0] in FAST_BLUEPRINTS and endpoint not in RATE_LIMITED_ENDPOINTS


def install_fast_path(app: Flask) -> None:
    """Put the fast path in front of the app (inside any proxy middleware added later)."""
    app.wsgi_app = FastPath(app, app.wsgi_app)
