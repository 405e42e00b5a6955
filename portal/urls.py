"""Absolute URLs for feeds, sitemaps and downloads, never on an arbitrary Host header.

In production SITE_URL names the public address and every absolute URL uses it. When it is not
set (a developer's run on any port), URLs use the address the request reached only when it is a
loopback name on the port the server really listens on (SERVER_PORT, set by the server, not by
the client); anything else falls back to DEFAULT_SITE_URL. Responses holding these URLs are
cached and shared, so a forged Host header can never put a foreign address into them.
"""

import ipaddress
from urllib.parse import urlsplit

from flask import current_app, has_request_context, request, url_for

# The development server's address: the base outside a request when SITE_URL is not set.
DEFAULT_SITE_URL = "http://127.0.0.1:5000"
LOOPBACK_NAMES = {"localhost"}


def configured_site_url() -> str:
    """SITE_URL when set, else DEFAULT_SITE_URL (no trailing slash); no request is consulted."""
    return (current_app.config.get("SITE_URL") or DEFAULT_SITE_URL).rstrip("/")


def is_loopback(hostname: str) -> bool:
    """True for localhost and loopback IP addresses (127.0.0.0/8, ::1)."""
    if hostname.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(hostname).is_loopback
    except ValueError:
        return False


def serving_base() -> str | None:
    """scheme://host:port of this request when it is loopback on the server's own port."""
    try:
        parts = urlsplit(f"//{request.host}")
        port = parts.port
    except ValueError:
        return None
    default_port = 443 if request.scheme == "https" else 80
    served_port = request.environ.get("SERVER_PORT", "")
    if not parts.hostname or not is_loopback(parts.hostname):
        return None
    if str(port or default_port) != served_port:
        return None
    return f"{request.scheme}://{request.host}"


def site_base() -> str:
    """The base of absolute URLs (scheme://host[:port], no trailing slash)."""
    if current_app.config.get("SITE_URL"):
        return configured_site_url()
    return (has_request_context() and serving_base()) or DEFAULT_SITE_URL


def absolute_url(endpoint: str, _anchor: str | None = None, **values) -> str:
    """An absolute URL on the site (see site_base), stable across hosts and caches."""
    return site_base() + url_for(endpoint, _anchor=_anchor, **values)
