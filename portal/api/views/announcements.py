"""/api/v1/announcements and /api/v1/batches."""

from flask_smorest import Blueprint

from portal.api import batch_rows
from portal.api.collection import list_response, orm_csv
from portal.api.http import limit_blueprint
from portal.api.schemas.announcements import (
    AnnouncementDetailSchema,
    AnnouncementPageSchema,
    AnnouncementSchema,
    BatchPageSchema,
)
from portal.api.schemas.args import ApiAnnouncementArgs, ApiBatchArgs, NoArgs
from portal.api.views.common import CSV_ONLY, ensure_not_withdrawn, json_or_csv, query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.queries import announcements as queries
from portal.queries.batches import batch_query

blp = Blueprint(
    "announcements", __name__, url_prefix="/api/v1", description=N_("监督抽查公告及其批次")
)
limit_blueprint(blp)


def announcement_csv(stmt):
    """Every matching announcement as CSV."""
    return orm_csv(stmt, AnnouncementSchema(), "announcements.csv", queries.attach_counts)


@blp.route("/announcements")
@conditional()
@query_args(blp, ApiAnnouncementArgs)
@blp.response(200, AnnouncementPageSchema)
@blp.doc(**json_or_csv(AnnouncementPageSchema))
def announcement_list(args):
    """抽查公告列表（含撤回的公告，status 标明）。"""
    stmt = queries.announcement_query(args)
    return list_response(stmt, args, announcement_csv, queries.attach_counts)


@blp.route("/announcements.csv")
@conditional()
@query_args(blp, ApiAnnouncementArgs)
@blp.doc(**CSV_ONLY)
def announcement_list_csv(args):
    """抽查公告列表的 CSV。"""
    return announcement_csv(queries.announcement_query(args))


@blp.route("/announcements/<int(min=1, max=2147483647):announcement_id>")
@conditional()
@query_args(blp, NoArgs)
@blp.response(200, AnnouncementDetailSchema)
@blp.alt_response(410, description=N_("公告已撤回"))
def announcement_detail(_args, announcement_id: int):
    """一条抽查公告及其全部批次；已撤回的公告返回 410 和撤回说明。"""
    announcement = queries.get_announcement(announcement_id)
    ensure_not_withdrawn(announcement)
    queries.attach_counts([announcement])
    return announcement


@blp.route("/batches")
@conditional()
@query_args(blp, ApiBatchArgs)
@blp.response(200, BatchPageSchema)
@blp.doc(**json_or_csv(BatchPageSchema))
def batch_list(args):
    """抽查批次列表：按品类、企业、结果、区、日期和更新时间筛选。"""
    return list_response(batch_query(args), args, lambda _stmt: batch_rows.batch_csv(args))


@blp.route("/batches.csv")
@conditional()
@query_args(blp, ApiBatchArgs)
@blp.doc(**CSV_ONLY)
def batch_list_csv(args):
    """抽查批次列表的 CSV（每次最多 Row-Limit 行，page 取后面的行）。"""
    return batch_rows.batch_csv(args)
