"""Schemas shared by every resource: problem documents, references, collection envelopes."""

from datetime import UTC

from marshmallow import Schema, fields

from portal.i18n import N_


class UtcDateTime(fields.DateTime):
    """A stored naive-UTC datetime, written as RFC 3339 with its +00:00 offset."""

    def _serialize(self, value, attr, obj, **kwargs):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return super()._serialize(value, attr, obj, **kwargs)


class ProblemSchema(Schema):
    """RFC 9457 problem document."""

    type = fields.String(metadata={"description": N_("问题类型（about:blank）")})
    title = fields.String(required=True, metadata={"description": N_("问题标题")})
    status = fields.Integer(required=True, metadata={"description": N_("HTTP 状态码")})
    detail = fields.String(metadata={"description": N_("说明")})
    errors = fields.Dict(
        keys=fields.String(),
        values=fields.Raw(),
        metadata={"description": N_("422 时：每个有误参数的说明")},
    )
    withdrawn_at = fields.String(metadata={"description": N_("410 时：撤回时间")})
    withdrawal_note = fields.String(metadata={"description": N_("410 时：撤回说明")})


class CategoryRefSchema(Schema):
    """A product category referenced from another record."""

    code = fields.String(metadata={"description": N_("品类代码")})
    name = fields.String(metadata={"description": N_("品类名称")})


class EnterpriseRefSchema(Schema):
    """An enterprise referenced from another record."""

    credit_code = fields.String(metadata={"description": N_("统一社会信用代码")})
    name = fields.String(metadata={"description": N_("企业名称")})
    district = fields.String(allow_none=True, metadata={"description": N_("所在区")})


class PublicationSchema(Schema):
    """Publication state shared by announcements, recalls and regulations."""

    status = fields.String(
        metadata={"description": N_("published（已发布）或 withdrawn（已撤回）")}
    )
    published_at = UtcDateTime(allow_none=True, metadata={"description": N_("发布时间（UTC）")})
    updated_at = UtcDateTime(metadata={"description": N_("最后更新时间（UTC）")})
    withdrawn_at = UtcDateTime(allow_none=True, metadata={"description": N_("撤回时间（UTC）")})
    withdrawal_note = fields.String(allow_none=True, metadata={"description": N_("撤回说明")})
    is_demo = fields.Boolean(metadata={"description": N_("是否为演示数据")})


class MetaSchema(Schema):
    """Paging facts of a collection."""

    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    total = fields.Integer(required=True, metadata={"description": N_("符合条件的记录总数")})
    pages = fields.Integer(required=True)
    last_updated = UtcDateTime(
        allow_none=True, metadata={"description": N_("全站数据最后更新时间（UTC）")}
    )


class LinksSchema(Schema):
    """Links of a collection page."""

    self = fields.String(required=True)
    next = fields.String(allow_none=True)
    prev = fields.String(allow_none=True)


def collection_schema(item_schema: type[Schema], name: str) -> type[Schema]:
    """A `{items, meta, links}` envelope schema around an item schema (unique class name)."""
    return Schema.from_dict(
        {
            "items": fields.List(fields.Nested(item_schema), required=True),
            "meta": fields.Nested(MetaSchema, required=True),
            "links": fields.Nested(LinksSchema, required=True),
        },
        name=name,
    )
