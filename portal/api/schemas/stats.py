"""Statistics and plan resources: aggregates only, never personal data."""

from marshmallow import Schema, fields
from marshmallow.validate import OneOf

from portal.api.schemas.args import StrictArgs
from portal.api.schemas.categories import FiguresSchema
from portal.api.schemas.common import CategoryRefSchema
from portal.i18n import N_
from portal.queries import params
from portal.queries.stats import GROUPINGS


class StatsArgs(StrictArgs, params.StatsArgs):
    """Grouping and filters of /api/v1/stats."""

    by = fields.String(
        load_default="year",
        validate=OneOf(tuple(GROUPINGS)),
        metadata={
            "description": N_(
                "分组：year（年）、half_year（半年）、category（品类）、district（区）"
            )
        },
    )


class GroupFiguresSchema(FiguresSchema):
    """Figures of one group."""

    key = fields.String(metadata={"description": N_("分组值，如 2026、2026-H1、品类代码、区名")})
    label = fields.String(
        metadata={"description": N_("标签（默认中文；Accept-Language 优先英文时为英文）")}
    )
    passed = fields.Integer(metadata={"description": N_("合格批次")})


class StatsSchema(Schema):
    """Counts and pass rates grouped by period, category or district."""

    by = fields.String()
    total = fields.Nested(FiguresSchema, metadata={"description": N_("全部符合条件的批次")})
    items = fields.List(fields.Nested(GroupFiguresSchema))


class PlanAnnouncementSchema(Schema):
    """A published announcement under a plan item, with its batch outcome."""

    id = fields.Integer(attribute="announcement.id")
    number = fields.String(
        attribute="announcement.number", metadata={"description": N_("公告编号")}
    )
    title = fields.String(attribute="announcement.title")
    issued_on = fields.Date(
        attribute="announcement.issued_on", metadata={"description": N_("发布日期")}
    )
    sampled = fields.Integer(metadata={"description": N_("抽查批次")})
    failed = fields.Integer(metadata={"description": N_("不合格批次")})


class PlanItemSchema(Schema):
    """One line of a year's spot-check plan."""

    id = fields.Integer(metadata={"description": N_("计划项目编号")})
    category = fields.Nested(CategoryRefSchema)
    planned_batches = fields.Integer(metadata={"description": N_("计划抽查批次")})
    focus = fields.String(metadata={"description": N_("抽查重点")})
    rationale = fields.String(metadata={"description": N_("列入计划的理由")})
    adopted_suggestions = fields.Integer(metadata={"description": N_("采纳的公众建议数")})
    suggestions = fields.Integer(metadata={"description": N_("关联到该项目的公众建议数")})
    votes = fields.Integer(metadata={"description": N_("你点我检中该项目所得票数")})
    sampled = fields.Integer(
        attribute="results.sampled", metadata={"description": N_("已公布的抽查批次")}
    )
    failed = fields.Integer(
        attribute="results.failed", metadata={"description": N_("其中不合格批次")}
    )
    announcements = fields.List(
        fields.Nested(PlanAnnouncementSchema),
        attribute="results.announcements",
        metadata={"description": N_("关联到该项目的已发布公告")},
    )


class CountSchema(Schema):
    """A count of suggestions for one value."""

    value = fields.String()
    label = fields.String()
    count = fields.Integer()


class SuggestionFiguresSchema(Schema):
    """Public aggregates of the year's spot-check suggestions (no contents, no contacts)."""

    year = fields.Integer()
    total = fields.Integer()
    by_status = fields.List(fields.Nested(CountSchema))
    by_category = fields.List(fields.Nested(CountSchema))


class SuggestionArgs(StrictArgs):
    """The year of /api/v1/suggestions/stats."""

    year = params.year_field(N_("收到建议的年份"), required=True)


class PlanSchema(Schema):
    """A year's spot-check plan."""

    year = fields.Integer()
    planned_batches = fields.Integer(metadata={"description": N_("计划抽查批次合计")})
    items = fields.List(fields.Nested(PlanItemSchema))
