"""Absolute URLs on the configured site address, never on the request's Host header."""

from flask import current_app, url_for


def site_base() -> str:
    """The configured site URL without a trailing slash (scheme://host[:port])."""
    return current_app.config["SITE_URL"].rstrip("/")


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """An absolute URL on the configured site (SITE_URL), stable across hosts and caches."""
    return site_base() + url_for(endpoint, _anchor=_anchor, **values)
