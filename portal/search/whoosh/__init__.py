"""The embedded search engine on Whoosh: the only package that imports `whoosh`."""

from portal.search.whoosh import skipping
from portal.search.whoosh.backend import WhooshBackend
from portal.search.whoosh.warming import WarmSettings

skipping.install()

__all__ = ["WarmSettings", "WhooshBackend"]
