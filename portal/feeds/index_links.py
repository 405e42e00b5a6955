"""The links of the feeds index: one url_for per kind of link, then a string per feed.

The index lists about 280 feeds with three links each; url_for costs tens of microseconds a
call (URL defaults, the rule's builder, quoting), so the page spent half its time in it. Each
kind of link is built once with a marker in place of its one varying value, and every feed's
link substitutes the value, quoted as werkzeug quotes it there (tests compare each link with
url_for's).
"""

from typing import NamedTuple
from urllib.parse import quote, quote_plus

from flask import url_for

MARKER = "feedindexvalue"
# werkzeug's quoting of a path argument (BaseConverter.to_url) and of a query argument
# (werkzeug.urls._urlencode).
PATH_SAFE = "!$&'()*+,/:;=@"
QUERY_SAFE = "!$'()*,/:;?@"
# Which feed of the e-mail alerts (alerts.subscribe's `feed`) each kind follows.
ALERT_FEEDS = {
    "feeds.all_feed": "all",
    "feeds.type_feed": "type",
    "feeds.category_feed": "category",
    "feeds.district_feed": "district",
    "feeds.failed_feed": "failed",
}


class FeedLinks(NamedTuple):
    """One feed's addresses: Atom, RSS 2.0 and its e-mail alert subscription."""

    atom: str
    rss: str
    alert: str


class LinkPattern:
    """url_for(endpoint, **fixed, name=value) for any value, built once."""

    def __init__(self, endpoint: str, name: str, **fixed):
        url = url_for(endpoint, **fixed, **{name: MARKER})
        self.head, marker, self.tail = url.partition(MARKER)
        if not marker or MARKER in self.tail:
            raise ValueError(f"{endpoint} does not show its {name} argument once")
        self.safe = QUERY_SAFE if "?" in self.head else PATH_SAFE
        self.quote = quote_plus if "?" in self.head else quote

    def __call__(self, value) -> str:
        """The URL with this value."""
        return f"{self.head}{self.quote(str(value), safe=self.safe)}{self.tail}"


class FeedKind:
    """The links of every feed of one endpoint that varies in one argument."""

    def __init__(self, endpoint: str, name: str, **fixed):
        alert = dict(fixed, feed=ALERT_FEEDS[endpoint])
        self.atom = LinkPattern(endpoint, name, fmt="atom", **fixed)
        self.rss = LinkPattern(endpoint, name, fmt="rss", **fixed)
        self.alert = LinkPattern("alerts.subscribe", name, **alert)

    def __call__(self, value) -> FeedLinks:
        """The links of the feed of this value."""
        return FeedLinks(self.atom(value), self.rss(value), self.alert(value))


def feed_links(endpoint: str, **values) -> FeedLinks:
    """The links of a single feed, by url_for (the few fixed feeds at the top of the index)."""
    return FeedLinks(
        url_for(endpoint, fmt="atom", **values),
        url_for(endpoint, fmt="rss", **values),
        url_for("alerts.subscribe", feed=ALERT_FEEDS[endpoint], **values),
    )


class IndexLinks:
    """The link makers of the feeds index, for the current request (language, script root)."""

    def __init__(self):
        self.category = FeedKind("feeds.category_feed", "code")
        self.failed_category = FeedKind("feeds.failed_feed", "category")
        self.district = FeedKind("feeds.district_feed", "district")
        self.failed_district = FeedKind("feeds.failed_feed", "district")
        self.single = feed_links
