"""Absolute links and stable tag URIs for feeds."""

from urllib.parse import urlsplit

from flask import current_app

from portal.urls import absolute_url, configured_site_url, site_base

__all__ = ["absolute_url", "site_base", "tag_authority", "tag_uri"]

TAG_DATE = "2026"


def tag_authority() -> str:
    """The tagging entity of entry ids: FEED_TAG_AUTHORITY or '<SITE_URL host>,2026'."""
    configured = current_app.config.get("FEED_TAG_AUTHORITY")
    if configured:
        return configured
    host = urlsplit(configured_site_url()).hostname or "localhost"
    return f"{host},{TAG_DATE}"


def tag_uri(specific: str) -> str:
    """A tag URI (RFC 4151) that never changes when the record's title does."""
    return f"tag:{tag_authority()}:{specific}"
