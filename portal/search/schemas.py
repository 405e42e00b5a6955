"""Arguments of a search, shared by the page, the feed and the API."""

from marshmallow import EXCLUDE, Schema, fields
from marshmallow.validate import Length, OneOf, Range

from portal.models import Result
from portal.search.documents import DOC_TYPES

SORTS = ("relevance", "-date", "date")


class SearchArgs(Schema):
    """Query box, facet filters, order and page of a search."""

    class Meta:
        unknown = EXCLUDE

    q = fields.String(validate=Length(max=200), metadata={"description": "搜索词"})
    type = fields.String(validate=OneOf(tuple(DOC_TYPES)), metadata={"description": "内容类型"})
    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    year = fields.Integer(validate=Range(min=1990, max=2100), metadata={"description": "年份"})
    result = fields.String(validate=OneOf(Result.ALL), metadata={"description": "抽查结果"})
    district = fields.String(validate=Length(max=32), metadata={"description": "区"})
    sort = fields.String(validate=OneOf(SORTS), metadata={"description": "排序"})
    page = fields.Integer(load_default=1, validate=Range(min=1, max=1000))
    per_page = fields.Integer(load_default=10, validate=Range(min=1, max=50))
