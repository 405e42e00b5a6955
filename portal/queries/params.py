"""Query-argument fields, each declared once, and the schemas pages, feeds, API and search share.

A field factory (`category_field()`, `year_field()` …) is the one declaration of an argument;
the schemas below and the API's strict variants and search's arguments reuse them, so an
argument validates, resolves and is documented the same way wherever it is accepted.
"""

from datetime import UTC

from flask_babel import gettext as _
from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validates_schema,
)
from marshmallow.validate import Length, OneOf, Range

from portal.i18n import N_
from portal.models import RecallKind, RecallType, RegulationLevel, RegulationStatus, Result, Scope
from portal.queries.categories import get_category

CREDIT_CODE_DESCRIPTION = N_("企业统一社会信用代码（18 位）")
UPDATED_SINCE_DESCRIPTION = N_(
    "只返回此时刻（ISO 8601，不带时区按 UTC）之后更新的记录，用于增量同步"
)
CATEGORY_DESCRIPTION = N_("品类代码或名称（如 0101 或 电线电缆）；没有该品类时返回 404")
CATEGORY_MAX_LENGTH = 64  # ProductCategory.name


class CategoryField(fields.String):
    """A category given by code or by name, loaded as its code; unknown ones raise NotFoundError.

    NotFoundError is not a ValidationError, so it passes through schema loading to the error
    handlers: an unknown category is a 404 page, feed or problem everywhere.
    """

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs).strip()
        if "\x00" in text:
            raise ValidationError(_("不能包含控制字符。"))
        if len(text) > CATEGORY_MAX_LENGTH:
            raise ValidationError(_("最长 %(max)s 个字符。", max=CATEGORY_MAX_LENGTH))
        return get_category(text).code if text else ""


def category_field(description: str = CATEGORY_DESCRIPTION) -> CategoryField:
    """The `category` argument: a product category by code or name."""
    return CategoryField(
        validate=Length(max=CATEGORY_MAX_LENGTH), metadata={"description": description}
    )


def district_field(description: str) -> fields.String:
    """The `district` argument: a district name as batches record it."""
    return fields.String(validate=Length(max=32), metadata={"description": description})


def year_field(description: str, required: bool = False) -> fields.Integer:
    """The `year` argument: a calendar year."""
    return fields.Integer(
        required=required,
        validate=Range(min=1990, max=2100),
        metadata={"description": description},
    )


def enterprise_field(description: str = CREDIT_CODE_DESCRIPTION) -> fields.String:
    """The `enterprise` argument: an enterprise's unified social credit code."""
    return fields.String(validate=Length(max=18), metadata={"description": description})


def result_field(description: str) -> fields.String:
    """The `result` argument: 合格 or 不合格."""
    return fields.String(validate=OneOf(Result.ALL), metadata={"description": description})


def sort_field(choices: tuple[str, ...], default: str | None = None, description=None):
    """The `sort` argument: one of a list's orders."""
    metadata = {"description": description} if description else {}
    if default is None:
        return fields.String(validate=OneOf(choices), metadata=metadata)
    return fields.String(load_default=default, validate=OneOf(choices), metadata=metadata)


def page_field(maximum: int = 100_000) -> fields.Integer:
    """The `page` argument: a page number from 1."""
    return fields.Integer(
        load_default=1, validate=Range(min=1, max=maximum), metadata={"description": N_("页码")}
    )


def per_page_field(default: int = 20, maximum: int = 100) -> fields.Integer:
    """The `per_page` argument: records per page, capped."""
    return fields.Integer(
        load_default=default,
        validate=Range(min=1, max=maximum),
        metadata={"description": N_("每页条数")},
    )


class CleanTextArgs(Schema):
    """Reject NUL characters, which no filter needs and PostgreSQL cannot store or compare."""

    @pre_load
    def reject_nul(self, data, **_kwargs):
        """Name every argument that contains a NUL character."""
        bad = [name for name, value in data.items() if "\x00" in str(value)]
        if bad:
            raise ValidationError(dict.fromkeys(bad, ["不能包含控制字符。"]))
        return data


class PageArgs(CleanTextArgs):
    """Pagination arguments."""

    class Meta:
        unknown = EXCLUDE

    page = page_field()
    per_page = per_page_field()


class NaiveUtcDateTime(fields.DateTime):
    """An ISO 8601 datetime converted to the storage convention: naive UTC."""

    def _deserialize(self, value, attr, data, **kwargs):
        moment = super()._deserialize(value, attr, data, **kwargs)
        if moment.tzinfo is None:
            return moment
        try:
            return moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError as error:
            raise self.make_error("invalid", input=value, obj_type="datetime") from error


class SyncArgs(Schema):
    """`updated_since` for incremental synchronisation."""

    updated_since = NaiveUtcDateTime(metadata={"description": UPDATED_SINCE_DESCRIPTION})


ISSUED_SORTS = ("-issued_on", "issued_on")


def date_field(description: str) -> fields.Date:
    """An inclusive date bound of a range filter."""
    return fields.Date(metadata={"description": description})


def check_range(data: dict, prefix: str) -> None:
    """Raise when a date range ends before it starts."""
    start, end = data.get(f"{prefix}_from"), data.get(f"{prefix}_to")
    if start and end and start > end:
        raise ValidationError(_("结束日期不能早于开始日期。"), field_name=f"{prefix}_to")


class AnnouncementArgs(PageArgs, SyncArgs):
    """Filters and sort order of the announcement list."""

    category = category_field()
    enterprise = enterprise_field(N_("含该企业批次的公告：企业统一社会信用代码（18 位）"))
    year = year_field(N_("发布年份"))
    scope = fields.String(validate=OneOf(Scope.ALL), metadata={"description": N_("抽查环节")})
    result = result_field(N_("不合格: 含不合格批次的公告; 合格: 全部合格的公告"))
    district = district_field(N_("批次所在区"))
    sort = sort_field(ISSUED_SORTS, "-issued_on")
    issued_from = date_field(N_("发布日期起（含，YYYY-MM-DD）"))
    issued_to = date_field(N_("发布日期止（含，YYYY-MM-DD）"))

    @validates_schema
    def check_dates(self, data: dict, **_kwargs) -> None:
        """The issuing date range must not be reversed."""
        check_range(data, "issued")


class BatchArgs(PageArgs, SyncArgs):
    """Filters of batch listings (announcement, enterprise, category pages and the API)."""

    announcement = fields.Integer(
        validate=Range(min=1, max=2**31 - 1), metadata={"description": N_("公告编号（id）")}
    )
    category = category_field()
    enterprise = enterprise_field()
    result = result_field(N_("检验结果"))
    district = district_field(N_("所在区"))
    year = year_field(N_("公告年份"))
    sort = sort_field(ISSUED_SORTS, "-issued_on")
    issued_from = date_field(N_("公告发布日期起（含，YYYY-MM-DD）"))
    issued_to = date_field(N_("公告发布日期止（含，YYYY-MM-DD）"))

    @validates_schema
    def check_dates(self, data: dict, **_kwargs) -> None:
        """The issuing date range must not be reversed."""
        check_range(data, "issued")


class RecallArgs(PageArgs, SyncArgs):
    """Filters of the recall list."""

    kind = fields.String(validate=OneOf(RecallKind.ALL), metadata={"description": N_("召回类别")})
    recall_type = fields.String(
        validate=OneOf(RecallType.ALL), data_key="type", metadata={"description": N_("召回方式")}
    )
    category = category_field()
    enterprise = enterprise_field()
    district = district_field(N_("企业所在区"))
    year = year_field(N_("发布年份"))
    sort = sort_field(("-announced_on", "announced_on"), "-announced_on")
    announced_from = date_field(N_("发布日期起（含，YYYY-MM-DD）"))
    announced_to = date_field(N_("发布日期止（含，YYYY-MM-DD）"))

    @validates_schema
    def check_dates(self, data: dict, **_kwargs) -> None:
        """The announcement date range must not be reversed."""
        check_range(data, "announced")


class RegulationArgs(PageArgs, SyncArgs):
    """Filters of the regulation list."""

    level = fields.String(
        validate=OneOf(RegulationLevel.ALL), metadata={"description": N_("效力级别")}
    )
    status = fields.String(
        validate=OneOf(RegulationStatus.ALL), metadata={"description": N_("时效性")}
    )
    sort = sort_field(("-version_on", "title"), "-version_on")


class StatsArgs(CleanTextArgs):
    """Filters of the statistics page and /api/v1/stats."""

    class Meta:
        unknown = EXCLUDE

    year = year_field(N_("只统计该年"))
    category = category_field(N_("只统计该品类（代码或名称）；没有该品类时返回 404"))
    district = district_field(N_("只统计该区"))


class FailedBatchFeedArgs(Schema):
    """Filters of the failed-batches feed."""

    class Meta:
        unknown = EXCLUDE

    category = category_field()
    district = district_field(N_("批次所在区"))
