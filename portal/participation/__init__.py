"""Citizens' participation: complaints, suggestions, tracking and 你点我检 campaigns."""

from portal.participation.views import bp

__all__ = ["bp"]
