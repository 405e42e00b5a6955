"""The links of the feeds index: one url_for per kind of link, then a string per feed.

The index lists about 280 feeds with three links each; url_for per link was half of the page's
time. Each kind of link is a UrlPattern, built once per page.
"""

from typing import NamedTuple

from flask import url_for

from portal.url_patterns import UrlPattern

# Which feed of the e-mail alerts (alerts.subscribe's `feed`) follows each feed endpoint (also
# the templates' `alert_feeds`, for their "邮件订阅" links).
ALERT_FEEDS = {
    "feeds.all_feed": "all",
    "feeds.type_feed": "type",
    "feeds.category_feed": "category",
    "feeds.enterprise_feed": "enterprise",
    "feeds.district_feed": "district",
    "feeds.failed_feed": "failed",
    "feeds.search_feed": "search",
}


class FeedLinks(NamedTuple):
    """One feed's addresses: Atom, RSS 2.0 and its e-mail alert subscription."""

    atom: str
    rss: str
    alert: str


class FeedKind:
    """The links of every feed of one endpoint that varies in one argument."""

    def __init__(self, endpoint: str, name: str, **fixed):
        alert = dict(fixed, feed=ALERT_FEEDS[endpoint])
        self.atom = UrlPattern(endpoint, name, fmt="atom", **fixed)
        self.rss = UrlPattern(endpoint, name, fmt="rss", **fixed)
        self.alert = UrlPattern("alerts.subscribe", name, **alert)

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
