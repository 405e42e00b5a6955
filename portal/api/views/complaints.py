"""/api/v1/complaints/stats: anonymised complaint counts by category and month."""

from flask_smorest import Blueprint

from portal.api.http import limit_blueprint
from portal.api.schemas.complaints import ComplaintArgs, ComplaintFiguresSchema
from portal.api.views.common import query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.queries.complaints import complaint_figures

blp = Blueprint("complaints", __name__, url_prefix="/api/v1", description=N_("投诉举报统计"))
limit_blueprint(blp)


@blp.route("/complaints/stats")
@conditional()
@query_args(blp, ComplaintArgs)
@blp.response(200, ComplaintFiguresSchema)
def complaint_stats(args):
    """按产品类别和月份汇总的投诉举报件数（只含已结束的整月；不含内容、联系方式和照片）。"""
    return complaint_figures(args["months"])
