"""Search resource: the same arguments and hits as the site's search page."""

from marshmallow import Schema, fields

from portal.api.schemas.args import StrictArgs
from portal.api.schemas.common import LinksSchema, MetaSchema
from portal.i18n import N_
from portal.search import SearchArgs


class ApiSearchArgs(StrictArgs, SearchArgs):
    """Arguments of /api/v1/search (unknown names are rejected)."""


class SearchHitSchema(Schema):
    """One search hit."""

    doc_type = fields.String(
        metadata={"description": N_("announcement、batch、recall、article 或 enterprise")}
    )
    record_id = fields.Integer(metadata={"description": N_("记录编号（条文为所属法规的编号）")})
    title = fields.String()
    url = fields.String(metadata={"description": N_("网站上的地址（相对路径）")})
    snippet_html = fields.Function(
        lambda hit: str(hit.snippet),
        metadata={"description": N_("摘要（已转义的 HTML，命中词以 <mark> 标出）")},
    )
    snippet = fields.Function(
        lambda hit: hit.snippet.striptags(), metadata={"description": N_("摘要（纯文本）")}
    )
    date = fields.Date(allow_none=True)
    category = fields.String(allow_none=True, metadata={"description": N_("品类名称")})
    result = fields.String(allow_none=True, metadata={"description": N_("批次的抽查结果")})
    enterprise_name = fields.String(allow_none=True)
    is_demo = fields.Boolean(metadata={"description": N_("是否为演示数据")})


class FacetValueSchema(Schema):
    """One facet value and its count among the matches."""

    value = fields.String()
    label = fields.String()
    count = fields.Integer()
    selected = fields.Boolean()


class SearchResultSchema(Schema):
    """A page of hits with facet counts, in the collection envelope."""

    items = fields.List(fields.Nested(SearchHitSchema))
    meta = fields.Nested(MetaSchema)
    links = fields.Nested(LinksSchema)
    query = fields.String(metadata={"description": N_("整理后的搜索词")})
    sort = fields.String(metadata={"description": N_("relevance、-date 或 date")})
    facets = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.Nested(FacetValueSchema)),
        metadata={"description": N_("分面：type、category、year、result、district")},
    )
