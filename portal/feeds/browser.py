"""A readable page for people who open a feed address in a browser.

Browsers navigating to a page send `Sec-Fetch-Dest: document` with `Sec-Fetch-Mode: navigate`;
feed readers and monitoring scripts never do (browsers alone may set Sec-Fetch-* headers). Such a
visit gets an HTML rendering of the same feed, bypassing the shared response cache, so XML
responses stay the only thing cached. Browsers without these headers fall back to the XSLT view.
"""

from functools import wraps

from flask import g, make_response, render_template, request

from portal.feeds.links import site_base


def opened_by_browser() -> bool:
    """True when a person navigated to the feed address in a browser."""
    return (
        request.headers.get("Sec-Fetch-Dest") == "document"
        and request.headers.get("Sec-Fetch-Mode") == "navigate"
    )


def readable_in_browser(view):
    """Serve browser navigations an HTML page of the feed, outside the response cache."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if not opened_by_browser():
            return view(*args, **kwargs)
        g.feed_as_html = True
        undecorated = getattr(view, "__wrapped__", view)
        response = make_response(undecorated(*args, **kwargs))
        response.cache_control.no_cache = True
        response.vary.add("Sec-Fetch-Dest")
        return response

    return wrapper


def wants_html() -> bool:
    """True inside a browser navigation handled by readable_in_browser."""
    return g.get("feed_as_html", False)


def render_feed_page(feed, fmt: str) -> str:
    """The HTML page of a feed: what it is, how to subscribe, its entries."""
    query = request.query_string.decode("utf-8", "replace")
    suffix = f"?{query}" if query else ""
    path = request.path.rsplit(".", 1)[0]
    urls = {kind: f"{site_base()}{path}.{kind}{suffix}" for kind in ("atom", "rss")}
    return render_template("feeds/feed_view.html", feed=feed, fmt=fmt, urls=urls)
