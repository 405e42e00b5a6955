"""Query-argument schemas shared by pages, feeds and the API."""

from datetime import UTC

from marshmallow import (
    EXCLUDE,
    Schema,
    ValidationError,
    fields,
    pre_load,
    validates_schema,
)
from marshmallow.validate import Length, OneOf, Range

from portal.models import RecallKind, RecallType, RegulationLevel, RegulationStatus, Result, Scope

CREDIT_CODE_DESCRIPTION = "企业统一社会信用代码（18 位）"
UPDATED_SINCE_DESCRIPTION = "只返回此时刻（ISO 8601，不带时区按 UTC）之后更新的记录，用于增量同步"


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

    page = fields.Integer(
        load_default=1, validate=Range(min=1, max=100_000), metadata={"description": "页码"}
    )
    per_page = fields.Integer(
        load_default=20,
        validate=Range(min=1, max=100),
        metadata={"description": "每页条数（最多 100）"},
    )


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


def date_field(description: str) -> fields.Date:
    """An inclusive date bound of a range filter."""
    return fields.Date(metadata={"description": description + "（含，YYYY-MM-DD）"})


def check_range(data: dict, prefix: str) -> None:
    """Raise when a date range ends before it starts."""
    start, end = data.get(f"{prefix}_from"), data.get(f"{prefix}_to")
    if start and end and start > end:
        raise ValidationError("结束日期不能早于开始日期。", field_name=f"{prefix}_to")


class AnnouncementArgs(PageArgs, SyncArgs):
    """Filters and sort order of the announcement list."""

    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    enterprise = fields.String(
        validate=Length(max=18),
        metadata={"description": "含该企业批次的公告：" + CREDIT_CODE_DESCRIPTION},
    )
    year = fields.Integer(validate=Range(min=1990, max=2100), metadata={"description": "发布年份"})
    scope = fields.String(validate=OneOf(Scope.ALL), metadata={"description": "抽查环节"})
    result = fields.String(
        validate=OneOf(Result.ALL),
        metadata={"description": "不合格: 含不合格批次的公告; 合格: 全部合格的公告"},
    )
    district = fields.String(validate=Length(max=32), metadata={"description": "批次所在区"})
    sort = fields.String(load_default="-issued_on", validate=OneOf(("-issued_on", "issued_on")))
    issued_from = date_field("发布日期起")
    issued_to = date_field("发布日期止")

    @validates_schema
    def check_dates(self, data: dict, **_kwargs) -> None:
        """The issuing date range must not be reversed."""
        check_range(data, "issued")


class BatchArgs(PageArgs, SyncArgs):
    """Filters of batch listings (announcement, enterprise, category pages and the API)."""

    announcement = fields.Integer(
        validate=Range(min=1, max=2**31 - 1), metadata={"description": "公告编号（id）"}
    )
    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    enterprise = fields.String(
        validate=Length(max=18), metadata={"description": CREDIT_CODE_DESCRIPTION}
    )
    result = fields.String(validate=OneOf(Result.ALL), metadata={"description": "检验结果"})
    district = fields.String(validate=Length(max=32), metadata={"description": "所在区"})
    year = fields.Integer(validate=Range(min=1990, max=2100), metadata={"description": "公告年份"})
    sort = fields.String(load_default="-issued_on", validate=OneOf(("-issued_on", "issued_on")))
    issued_from = date_field("公告发布日期起")
    issued_to = date_field("公告发布日期止")

    @validates_schema
    def check_dates(self, data: dict, **_kwargs) -> None:
        """The issuing date range must not be reversed."""
        check_range(data, "issued")


class RecallArgs(PageArgs, SyncArgs):
    """Filters of the recall list."""

    kind = fields.String(validate=OneOf(RecallKind.ALL), metadata={"description": "召回类别"})
    recall_type = fields.String(
        validate=OneOf(RecallType.ALL), data_key="type", metadata={"description": "召回方式"}
    )
    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    enterprise = fields.String(
        validate=Length(max=18), metadata={"description": CREDIT_CODE_DESCRIPTION}
    )
    district = fields.String(validate=Length(max=32), metadata={"description": "企业所在区"})
    year = fields.Integer(validate=Range(min=1990, max=2100), metadata={"description": "发布年份"})
    sort = fields.String(
        load_default="-announced_on", validate=OneOf(("-announced_on", "announced_on"))
    )
    announced_from = date_field("发布日期起")
    announced_to = date_field("发布日期止")

    @validates_schema
    def check_dates(self, data: dict, **_kwargs) -> None:
        """The announcement date range must not be reversed."""
        check_range(data, "announced")


class RegulationArgs(PageArgs, SyncArgs):
    """Filters of the regulation list."""

    level = fields.String(validate=OneOf(RegulationLevel.ALL), metadata={"description": "效力级别"})
    status = fields.String(validate=OneOf(RegulationStatus.ALL), metadata={"description": "时效性"})
    sort = fields.String(load_default="-version_on", validate=OneOf(("-version_on", "title")))


class StatsArgs(CleanTextArgs):
    """Filters of the statistics page and /api/v1/stats."""

    class Meta:
        unknown = EXCLUDE

    year = fields.Integer(
        validate=Range(min=1990, max=2100), metadata={"description": "只统计该年"}
    )
    category = fields.String(validate=Length(max=16), metadata={"description": "只统计该品类代码"})
    district = fields.String(validate=Length(max=32), metadata={"description": "只统计该区"})


class FailedBatchFeedArgs(Schema):
    """Filters of the failed-batches feed."""

    class Meta:
        unknown = EXCLUDE

    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    district = fields.String(validate=Length(max=32), metadata={"description": "批次所在区"})
