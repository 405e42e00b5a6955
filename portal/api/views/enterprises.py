"""/api/v1/enterprises/<credit code>: an enterprise with its whole history."""

from dataclasses import dataclass

from flask_smorest import Blueprint

from portal.api.http import limit_blueprint
from portal.api.schemas.args import NoArgs
from portal.api.schemas.categories import EnterpriseSchema
from portal.api.views.common import query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.models import Enterprise
from portal.queries import enterprises as enterprise_queries
from portal.queries.batches import enterprise_batches
from portal.queries.recalls import enterprise_recalls
from portal.queries.stats import Figures

blp = Blueprint("enterprises", __name__, url_prefix="/api/v1", description=N_("企业"))
limit_blueprint(blp)


@dataclass(frozen=True)
class EnterpriseHistory:
    """An enterprise with every batch and recall."""

    enterprise: Enterprise
    figures: Figures
    batches: list
    recalls: list


@blp.route("/enterprises/<credit_code>")
@conditional()
@query_args(blp, NoArgs)
@blp.response(200, EnterpriseSchema)
def enterprise_detail(_args, credit_code: str):
    """一家企业的全部历史：抽查批次、召回和合格率。"""
    enterprise = enterprise_queries.get_enterprise(credit_code)
    return EnterpriseHistory(
        enterprise,
        enterprise_queries.enterprise_figures(enterprise),
        enterprise_batches(enterprise.credit_code),
        enterprise_recalls(enterprise.id),
    )
