"""Errors of the search package."""

from portal.errors import PortalError


class SearchUnavailableError(PortalError):
    """The index is being built or locked; try again shortly."""

    status_code = 503
    title = "搜索暂时不可用"


class SearchIndexMissingError(SearchUnavailableError):
    """No index exists yet."""
