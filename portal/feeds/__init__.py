"""Feeds blueprint: RSS 2.0 and Atom renderings of the portal's lists and searches."""

from portal.feeds.views import bp

__all__ = ["bp"]
