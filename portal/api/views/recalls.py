"""/api/v1/recalls."""

from flask_smorest import Blueprint

from portal.api.collection import list_response, orm_csv
from portal.api.http import limit_blueprint
from portal.api.schemas.args import ApiRecallArgs, NoArgs
from portal.api.schemas.recalls import RecallPageSchema, RecallSchema
from portal.api.views.common import CSV_ONLY, ensure_not_withdrawn, json_or_csv, query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.queries import recalls as queries

blp = Blueprint("recalls", __name__, url_prefix="/api/v1", description=N_("缺陷产品召回"))
limit_blueprint(blp)


def recall_csv(stmt):
    """Every matching recall as CSV."""
    return orm_csv(stmt, RecallSchema(), "recalls.csv")


@blp.route("/recalls")
@conditional()
@query_args(blp, ApiRecallArgs)
@blp.response(200, RecallPageSchema)
@blp.doc(**json_or_csv(RecallPageSchema))
def recall_list(args):
    """召回列表：按类别、方式、品类、企业、日期和更新时间筛选。"""
    return list_response(queries.recall_query(args), args, recall_csv)


@blp.route("/recalls.csv")
@conditional()
@query_args(blp, ApiRecallArgs)
@blp.doc(**CSV_ONLY)
def recall_list_csv(args):
    """召回列表的 CSV。"""
    return recall_csv(queries.recall_query(args))


@blp.route("/recalls/<int(min=1, max=2147483647):recall_id>")
@conditional()
@query_args(blp, NoArgs)
@blp.response(200, RecallSchema)
@blp.alt_response(410, description=N_("召回公告已撤回"))
def recall_detail(_args, recall_id: int):
    """一条召回公告；已撤回的返回 410 和撤回说明。"""
    recall = queries.get_recall(recall_id)
    ensure_not_withdrawn(recall)
    return recall
