"""Site pages outside the records: privacy, accessibility, contact, robots, sitemap, icons."""

from portal.site.views import bp

__all__ = ["bp"]
