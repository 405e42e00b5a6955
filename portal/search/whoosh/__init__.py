"""The embedded search engine on Whoosh: the only package that imports `whoosh`."""

from portal.search.whoosh import skipping
from portal.search.whoosh.backend import WhooshBackend

skipping.install()

__all__ = ["WhooshBackend"]
