"""Regulation resources."""

from flask import url_for
from marshmallow import Schema, fields

from portal.api.schemas.common import PublicationSchema, collection_schema
from portal.i18n import N_


class ArticleSchema(Schema):
    """One article (第X条) of a regulation."""

    number = fields.Integer()
    label = fields.String(metadata={"description": N_("条号，如 第二十条")})
    chapter = fields.String(allow_none=True)
    section = fields.String(allow_none=True)
    text = fields.String()
    anchor = fields.String(metadata={"description": N_("网页中的锚点")})


class HistoryLineSchema(Schema):
    """One dated step of a regulation's history."""

    on = fields.String(metadata={"description": N_("日期（YYYY-MM-DD）")})
    text = fields.String()


class RegulationSchema(PublicationSchema):
    """A law, regulation or rule with its metadata."""

    id = fields.Integer()
    title = fields.String()
    document_number = fields.String(allow_none=True, metadata={"description": N_("文号")})
    issuing_body = fields.String(allow_none=True, metadata={"description": N_("制定机关")})
    level = fields.String(metadata={"description": N_("效力级别")})
    legal_status = fields.String(metadata={"description": N_("时效性")})
    promulgated_on = fields.Date(allow_none=True, metadata={"description": N_("公布日期")})
    effective_on = fields.Date(allow_none=True, metadata={"description": N_("施行日期")})
    version_on = fields.Date(metadata={"description": N_("现行版本日期")})
    url = fields.Function(lambda r: url_for("public.regulation_detail", regulation_id=r.id))


class RegulationDetailSchema(RegulationSchema):
    """A regulation with its history and every article."""

    history = fields.List(
        fields.Nested(HistoryLineSchema), metadata={"description": N_("制定和修订沿革")}
    )
    articles = fields.List(fields.Nested(ArticleSchema))


RegulationPageSchema = collection_schema(RegulationSchema, "RegulationPage")
