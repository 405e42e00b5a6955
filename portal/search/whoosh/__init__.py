"""The embedded search engine on Whoosh: the only package that imports `whoosh`."""

from portal.search.whoosh.backend import WhooshBackend

__all__ = ["WhooshBackend"]
