"""API variants of the shared query-argument schemas: unknown arguments are rejected."""

from marshmallow import RAISE, fields
from marshmallow.validate import OneOf

from portal.i18n import N_
from portal.queries import params


class StrictArgs(params.CleanTextArgs):
    """Reject unknown query arguments instead of ignoring them."""

    class Meta:
        unknown = RAISE


class ListFormatArgs(StrictArgs):
    """`format=csv` turns a list into a CSV download of every matching record."""

    format = fields.String(
        load_default="json",
        validate=OneOf(("json", "csv")),
        metadata={"description": N_("json（分页）或 csv（每次最多 1000 行，见 Row-Limit 响应头）")},
    )


class ApiAnnouncementArgs(ListFormatArgs, params.AnnouncementArgs):
    """Filters of /api/v1/announcements."""


class ApiBatchArgs(ListFormatArgs, params.BatchArgs):
    """Filters of /api/v1/batches."""


class ApiRecallArgs(ListFormatArgs, params.RecallArgs):
    """Filters of /api/v1/recalls."""


class ApiRegulationArgs(ListFormatArgs, params.RegulationArgs):
    """Filters of /api/v1/regulations."""


class NoArgs(StrictArgs):
    """Endpoints that take no query arguments still reject unknown ones."""
