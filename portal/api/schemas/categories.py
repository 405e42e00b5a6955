"""Category and enterprise resources."""

from flask import url_for
from marshmallow import Schema, fields

from portal.api.schemas.announcements import BatchSchema
from portal.api.schemas.recalls import RecallSchema
from portal.i18n import N_


class FiguresSchema(Schema):
    """Batch counts computed from the rows."""

    categories = fields.Integer(metadata={"description": N_("涉及品类数")})
    enterprises = fields.Integer(metadata={"description": N_("涉及企业数")})
    batches = fields.Integer(metadata={"description": N_("抽查批次")})
    failed = fields.Integer(metadata={"description": N_("不合格批次")})
    pass_rate = fields.Float(allow_none=True, metadata={"description": N_("批次合格率（0–1）")})


class CategorySchema(Schema):
    """A product category of the spot-check catalogue."""

    code = fields.String(metadata={"description": N_("品类代码")})
    name = fields.String()
    group_name = fields.String(metadata={"description": N_("所属大类")})
    risk_level = fields.String(metadata={"description": N_("风险等级：高/中/低")})
    is_key_product = fields.Boolean(metadata={"description": N_("是否列入重点产品目录")})
    description = fields.String(allow_none=True)
    url = fields.Function(lambda c: url_for("public.category_detail", code=c.code))


class CategoryListSchema(Schema):
    """Every category (a short, unpaginated list)."""

    items = fields.List(fields.Nested(CategorySchema), required=True)


class FormerNameSchema(Schema):
    """A name an enterprise used before."""

    name = fields.String()


class EnterpriseSchema(Schema):
    """An enterprise with its whole public history (dumped from an EnterpriseHistory)."""

    credit_code = fields.String(
        attribute="enterprise.credit_code", metadata={"description": N_("统一社会信用代码")}
    )
    name = fields.String(attribute="enterprise.name")
    former_names = fields.Pluck(
        FormerNameSchema,
        "name",
        many=True,
        attribute="enterprise.former_names",
        metadata={"description": N_("曾用名，最近的在前")},
    )
    address = fields.String(attribute="enterprise.address", allow_none=True)
    district = fields.String(attribute="enterprise.district", allow_none=True)
    licence_number = fields.String(
        attribute="enterprise.licence_number",
        allow_none=True,
        metadata={"description": N_("生产许可证编号")},
    )
    figures = fields.Nested(FiguresSchema, metadata={"description": N_("历次抽查的汇总")})
    batches = fields.List(fields.Nested(BatchSchema), metadata={"description": N_("全部抽查批次")})
    recalls = fields.List(fields.Nested(RecallSchema), metadata={"description": N_("全部召回")})
    url = fields.Function(
        lambda history: url_for(
            "public.enterprise_detail", credit_code=history.enterprise.credit_code
        )
    )
