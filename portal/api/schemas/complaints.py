"""Schemas of /api/v1/complaints/stats: counts only."""

from marshmallow import Schema, fields, validate

from portal.api.schemas.args import StrictArgs
from portal.i18n import N_


class CategoryMonthsSchema(Schema):
    """Complaints about one product category, month by month."""

    code = fields.String(metadata={"description": N_("产品类别代码（空为未分类）")})
    name = fields.String()
    total = fields.Integer()
    by_month = fields.List(fields.Integer(), metadata={"description": N_("与 months 一一对应")})


class ComplaintFiguresSchema(Schema):
    """Complaint counts by category and month (whole months; spam and duplicates excluded)."""

    months = fields.List(fields.String(), metadata={"description": N_("月份（YYYY-MM，北京时间）")})
    by_month = fields.List(fields.Integer())
    by_category = fields.List(fields.Nested(CategoryMonthsSchema))
    total = fields.Integer()


class ComplaintArgs(StrictArgs):
    """How many whole months to count back from the current one."""

    months = fields.Integer(
        load_default=12,
        validate=validate.Range(min=1, max=36, error="月数须在 1 到 36 之间。"),
        metadata={"description": N_("统计的整月数（1-36，默认 12）")},
    )
