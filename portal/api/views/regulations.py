"""/api/v1/regulations."""

from flask_smorest import Blueprint

from portal.api.collection import list_response, orm_csv
from portal.api.http import limit_blueprint
from portal.api.schemas.args import ApiRegulationArgs, NoArgs
from portal.api.schemas.regulations import (
    RegulationDetailSchema,
    RegulationPageSchema,
    RegulationSchema,
)
from portal.api.views.common import CSV_ONLY, ensure_not_withdrawn, json_or_csv, query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.queries import regulations as queries

blp = Blueprint("regulations", __name__, url_prefix="/api/v1", description=N_("法律法规及其条文"))
limit_blueprint(blp)


def regulation_csv(stmt):
    """Every matching regulation (metadata only) as CSV."""
    return orm_csv(stmt, RegulationSchema(), "regulations.csv")


@blp.route("/regulations")
@conditional()
@query_args(blp, ApiRegulationArgs)
@blp.response(200, RegulationPageSchema)
@blp.doc(**json_or_csv(RegulationPageSchema))
def regulation_list(args):
    """法律法规列表：按效力级别、时效性和更新时间筛选。"""
    return list_response(queries.regulation_query(args), args, regulation_csv)


@blp.route("/regulations.csv")
@conditional()
@query_args(blp, ApiRegulationArgs)
@blp.doc(**CSV_ONLY)
def regulation_list_csv(args):
    """法律法规列表的 CSV。"""
    return regulation_csv(queries.regulation_query(args))


@blp.route("/regulations/<int(min=1, max=2147483647):regulation_id>")
@conditional()
@query_args(blp, NoArgs)
@blp.response(200, RegulationDetailSchema)
@blp.alt_response(410, description=N_("法规已撤回"))
def regulation_detail(_args, regulation_id: int):
    """一部法律法规及其逐条条文。"""
    regulation = queries.get_regulation(regulation_id)
    ensure_not_withdrawn(regulation)
    return regulation
