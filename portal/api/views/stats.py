"""/api/v1/stats: batch figures by year, half-year, category or district."""

from flask_smorest import Blueprint

from portal.api.http import limit_blueprint
from portal.api.schemas.stats import StatsArgs, StatsSchema
from portal.api.views.common import query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.load_shedding import costly_slot
from portal.queries.stats import tally_figures, tally_filter, tally_groups

blp = Blueprint("stats", __name__, url_prefix="/api/v1", description=N_("统计数据"))
limit_blueprint(blp)


@blp.route("/stats")
@conditional()
@query_args(blp, StatsArgs)
@blp.response(200, StatsSchema)
def stats(args):
    """批次数、不合格数和合格率，按年、半年、品类或区分组（由批次数据计算）。"""
    where = tally_filter(args)
    with costly_slot("stats"):  # only misses get here: a hit is served from the cache
        return {
            "by": args["by"],
            "total": tally_figures(where),
            "items": tally_groups(args["by"], where),
        }
