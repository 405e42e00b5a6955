"""Public blueprint: home, lists, detail, enterprise and category pages."""

from portal.public.views import bp

__all__ = ["bp"]
