"""Citizens' participation: complaints, suggestions and the tracking page under /participate/."""

from portal.participation.views import bp

__all__ = ["bp"]
