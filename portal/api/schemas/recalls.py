"""Recall resources."""

from flask import url_for
from marshmallow import fields

from portal.api.schemas.common import (
    CategoryRefSchema,
    EnterpriseRefSchema,
    PublicationSchema,
    collection_schema,
)
from portal.i18n import N_


class RecallSchema(PublicationSchema):
    """A recall notice with the defect, hazard and remedy."""

    id = fields.Integer()
    number = fields.String(metadata={"description": N_("召回编号")})
    title = fields.String()
    type = fields.String(
        attribute="recall_type", metadata={"description": N_("主动召回 或 责令召回")}
    )
    kind = fields.String(metadata={"description": N_("消费品/汽车/工业产品")})
    category = fields.Nested(CategoryRefSchema, allow_none=True)
    enterprise = fields.Nested(EnterpriseRefSchema, allow_none=True)
    product_name = fields.String()
    models = fields.String(metadata={"description": N_("涉及型号")})
    production_start_on = fields.Date(allow_none=True, metadata={"description": N_("生产起始日期")})
    production_end_on = fields.Date(allow_none=True, metadata={"description": N_("生产截止日期")})
    quantity = fields.Integer(allow_none=True, metadata={"description": N_("召回数量")})
    defect = fields.String(metadata={"description": N_("缺陷情况")})
    hazard = fields.String(metadata={"description": N_("可能造成的后果")})
    remedy = fields.String(metadata={"description": N_("召回措施")})
    contact = fields.String(metadata={"description": N_("企业的公开咨询渠道")})
    announced_on = fields.Date(metadata={"description": N_("发布日期")})
    url = fields.Function(lambda r: url_for("public.recall_detail", recall_id=r.id))


RecallPageSchema = collection_schema(RecallSchema, "RecallPage")
