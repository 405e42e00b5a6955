"""Query-argument schemas shared by pages, feeds and the API."""

from marshmallow import EXCLUDE, Schema, fields
from marshmallow.validate import Length, OneOf, Range

from portal.models import RecallKind, RecallType, RegulationLevel, RegulationStatus, Result, Scope


class PageArgs(Schema):
    """Pagination arguments."""

    class Meta:
        unknown = EXCLUDE

    page = fields.Integer(load_default=1, validate=Range(min=1, max=100_000))
    per_page = fields.Integer(load_default=20, validate=Range(min=1, max=100))


class AnnouncementArgs(PageArgs):
    """Filters and sort order of the announcement list."""

    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    year = fields.Integer(validate=Range(min=1990, max=2100), metadata={"description": "发布年份"})
    scope = fields.String(validate=OneOf(Scope.ALL), metadata={"description": "抽查环节"})
    result = fields.String(
        validate=OneOf(Result.ALL),
        metadata={"description": "不合格: 含不合格批次的公告; 合格: 全部合格的公告"},
    )
    district = fields.String(validate=Length(max=32), metadata={"description": "批次所在区"})
    sort = fields.String(load_default="-issued_on", validate=OneOf(("-issued_on", "issued_on")))


class BatchArgs(PageArgs):
    """Filters of batch listings (announcement, enterprise, category pages and the API)."""

    announcement = fields.Integer(validate=Range(min=1))
    category = fields.String(validate=Length(max=16))
    enterprise = fields.String(
        validate=Length(max=18), metadata={"description": "统一社会信用代码"}
    )
    result = fields.String(validate=OneOf(Result.ALL))
    district = fields.String(validate=Length(max=32))
    year = fields.Integer(validate=Range(min=1990, max=2100))
    sort = fields.String(load_default="-issued_on", validate=OneOf(("-issued_on", "issued_on")))


class RecallArgs(PageArgs):
    """Filters of the recall list."""

    kind = fields.String(validate=OneOf(RecallKind.ALL), metadata={"description": "召回类别"})
    recall_type = fields.String(validate=OneOf(RecallType.ALL), data_key="type")
    category = fields.String(validate=Length(max=16))
    district = fields.String(validate=Length(max=32), metadata={"description": "企业所在区"})
    year = fields.Integer(validate=Range(min=1990, max=2100))
    sort = fields.String(
        load_default="-announced_on", validate=OneOf(("-announced_on", "announced_on"))
    )


class RegulationArgs(PageArgs):
    """Filters of the regulation list."""

    level = fields.String(validate=OneOf(RegulationLevel.ALL), metadata={"description": "效力级别"})
    status = fields.String(validate=OneOf(RegulationStatus.ALL), metadata={"description": "时效性"})
    sort = fields.String(load_default="-version_on", validate=OneOf(("-version_on", "title")))


class FailedBatchFeedArgs(Schema):
    """Filters of the failed-batches feed."""

    class Meta:
        unknown = EXCLUDE

    category = fields.String(validate=Length(max=16), metadata={"description": "品类代码"})
    district = fields.String(validate=Length(max=32), metadata={"description": "批次所在区"})
