"""Absolute links and stable tag URIs for feeds."""

from urllib.parse import urlsplit

from flask import current_app, url_for

TAG_DATE = "2026"


def site_base() -> str:
    """The configured site URL without a trailing slash (scheme://host[:port])."""
    return current_app.config["SITE_URL"].rstrip("/")


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """An absolute URL on the configured site (SITE_URL), stable across hosts and caches."""
    return site_base() + url_for(endpoint, _anchor=_anchor, **values)


def tag_authority() -> str:
    """The tagging entity of entry ids: FEED_TAG_AUTHORITY or '<SITE_URL host>,2026'."""
    configured = current_app.config.get("FEED_TAG_AUTHORITY")
    if configured:
        return configured
    host = urlsplit(current_app.config["SITE_URL"]).hostname or "localhost"
    return f"{host},{TAG_DATE}"


def tag_uri(specific: str) -> str:
    """A tag URI (RFC 4151) that never changes when the record's title does."""
    return f"tag:{tag_authority()}:{specific}"
