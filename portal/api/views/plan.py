"""/api/v1/plan/<year> and /api/v1/suggestions/stats: the spot-check plan and public input."""

from dataclasses import asdict

from flask_smorest import Blueprint

from portal.api.http import limit_blueprint
from portal.api.schemas.args import NoArgs
from portal.api.schemas.stats import PlanSchema, SuggestionArgs, SuggestionFiguresSchema
from portal.api.views.common import query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.queries import plan as plan_queries

blp = Blueprint("plan", __name__, url_prefix="/api/v1", description=N_("年度抽查计划和公众建议"))
limit_blueprint(blp)


@blp.route("/plan/<int(min=1990, max=2100):year>")
@conditional()
@query_args(blp, NoArgs)
@blp.response(200, PlanSchema)
def plan(_args, year: int):
    """某年的监督抽查计划：品类、批次、重点、理由、建议数、票数和已公布的抽查结果。"""
    tracks = plan_queries.plan_tracks(year)
    total = sum(track.item.planned_batches for track in tracks)
    return {"year": year, "planned_batches": total, "items": tracks}


@blp.route("/suggestions/stats")
@conditional()
@query_args(blp, SuggestionArgs)
@blp.response(200, SuggestionFiguresSchema)
def suggestion_stats(args):
    """某年收到的抽查建议数：按办理状态和品类汇总（不含内容和联系方式）。"""
    figures = plan_queries.suggestion_figures(args["year"])
    return {"year": args["year"], **asdict(figures)}
