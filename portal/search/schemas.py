"""Arguments of a search, shared by the page, the feed and the API."""

from marshmallow import EXCLUDE, Schema, fields
from marshmallow.validate import Length, OneOf

from portal.i18n import N_
from portal.queries.params import (
    category_field,
    district_field,
    page_field,
    per_page_field,
    result_field,
    sort_field,
    year_field,
)
from portal.search.documents import DOC_TYPES

SORTS = ("relevance", "-date", "date")


class SearchArgs(Schema):
    """Query box, facet filters, order and page of a search."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(validate=Length(max=200), metadata={"description": N_("搜索词")})
    type = fields.String(validate=OneOf(tuple(DOC_TYPES)), metadata={"description": N_("内容类型")})
    category = category_field()
    year = year_field(N_("年份"))
    result = result_field(N_("抽查结果"))
    district = district_field(N_("区"))
    sort = sort_field(SORTS, description=N_("排序"))
    page = page_field(maximum=1000)
    per_page = per_page_field(default=10, maximum=50)
