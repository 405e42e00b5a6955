"""Announcement and batch resources."""

from flask import url_for
from marshmallow import Schema, fields

from portal.api.schemas.common import (
    CategoryRefSchema,
    EnterpriseRefSchema,
    PublicationSchema,
    UtcDateTime,
    collection_schema,
)
from portal.i18n import N_


class AnnouncementRefSchema(Schema):
    """The announcement a batch belongs to."""

    id = fields.Integer()
    number = fields.String(metadata={"description": N_("公告文号")})
    title = fields.String()
    issued_on = fields.Date(metadata={"description": N_("发布日期")})


class BatchSchema(Schema):
    """One sampled batch and its result."""

    id = fields.Integer()
    announcement = fields.Nested(AnnouncementRefSchema)
    category = fields.Nested(CategoryRefSchema)
    enterprise = fields.Nested(EnterpriseRefSchema)
    product_name = fields.String(metadata={"description": N_("产品名称")})
    brand = fields.String(allow_none=True, metadata={"description": N_("商标")})
    model_spec = fields.String(allow_none=True, metadata={"description": N_("规格型号")})
    batch_code = fields.String(allow_none=True, metadata={"description": N_("生产日期/批号")})
    produced_on = fields.Date(allow_none=True, metadata={"description": N_("生产日期")})
    result = fields.String(metadata={"description": N_("合格 或 不合格")})
    failed_items = fields.List(fields.String(), metadata={"description": N_("不合格项目")})
    agency = fields.String(metadata={"description": N_("检验机构")})
    district = fields.String(allow_none=True, metadata={"description": N_("所在区")})
    report_number = fields.String(allow_none=True, metadata={"description": N_("检验报告编号")})
    note = fields.String(allow_none=True, metadata={"description": N_("备注")})
    updated_at = UtcDateTime(metadata={"description": N_("最后更新时间（UTC）")})


class BatchCountsSchema(Schema):
    """Computed batch totals of an announcement."""

    total = fields.Integer(metadata={"description": N_("抽查批次")})
    passed = fields.Integer(metadata={"description": N_("合格批次")})
    failed = fields.Integer(metadata={"description": N_("不合格批次")})
    pass_rate = fields.Float(allow_none=True, metadata={"description": N_("合格率（0–1）")})


class AnnouncementSchema(PublicationSchema):
    """A spot-check announcement in a list."""

    id = fields.Integer()
    number = fields.String(metadata={"description": N_("公告文号")})
    title = fields.String()
    category = fields.Nested(CategoryRefSchema)
    scope = fields.String(metadata={"description": N_("抽查环节：生产/流通/电商")})
    period_start_on = fields.Date(metadata={"description": N_("抽查期间起")})
    period_end_on = fields.Date(metadata={"description": N_("抽查期间止")})
    issued_on = fields.Date(metadata={"description": N_("发布日期")})
    summary = fields.String()
    batch_counts = fields.Nested(BatchCountsSchema)
    url = fields.Function(
        lambda a: url_for("public.announcement_detail", announcement_id=a.id),
        metadata={"description": N_("网页地址")},
    )


class AnnouncementDetailSchema(AnnouncementSchema):
    """One announcement with its full text and every batch."""

    body = fields.String(metadata={"description": N_("正文")})
    batches = fields.List(fields.Nested(BatchSchema))


AnnouncementPageSchema = collection_schema(AnnouncementSchema, "AnnouncementPage")
BatchPageSchema = collection_schema(BatchSchema, "BatchPage")
