"""HTTP behaviour of the open-data API: CORS, IETF rate-limit headers, Retry-After."""

import time

from flask import Flask, current_app, request
from flask_cors import CORS

from portal.extensions import limiter

# Paths that any web page may read (CORS, GET/HEAD/OPTIONS only).
CORS_RESOURCES = (r"/api/v1/*", r"/feeds/*", r"/catalog.jsonld")
EXPOSED_HEADERS = (
    "ETag",
    "Last-Modified",
    "Link",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "Retry-After",
    "Content-Disposition",
)


def api_rate_limit() -> str:
    """The configured per-client limit of the API, read per request."""
    return current_app.config["API_RATE_LIMIT"]


def limit_blueprint(blueprint) -> None:
    """Make every route of an API blueprint count against one shared per-client limit."""
    limiter.shared_limit(api_rate_limit, scope="api")(blueprint)


def enable_cors(app: Flask) -> None:
    """Allow cross-origin reads of the API, the feeds and the catalog."""
    options = {
        "origins": "*",
        "methods": ["GET", "HEAD", "OPTIONS"],
        "expose_headers": list(EXPOSED_HEADERS),
        "max_age": 86400,
        "send_wildcard": True,
    }
    CORS(app, resources=dict.fromkeys(CORS_RESOURCES, options))


def add_rate_limit_headers(response):
    """RateLimit-Limit/-Remaining/-Reset on API responses; Retry-After on 429."""
    current = limiter.current_limit if request.path.startswith("/api/") else None
    if current is None:
        return response
    seconds_left = max(0, int(current.reset_at - time.time()))
    response.headers["RateLimit-Limit"] = str(current.limit.amount)
    response.headers["RateLimit-Remaining"] = str(max(0, current.remaining))
    response.headers["RateLimit-Reset"] = str(seconds_left)
    if response.status_code == 429:
        response.headers["Retry-After"] = str(max(1, seconds_left))
    return response


def register_http_hooks(app: Flask) -> None:
    """Install CORS and the rate-limit header hook."""
    enable_cors(app)
    app.after_request(add_rate_limit_headers)
