"""/api/v1/categories and /api/v1/enterprises/<credit code>."""

from dataclasses import dataclass

from flask_smorest import Blueprint

from portal.api.collection import orm_csv
from portal.api.http import limit_blueprint
from portal.api.schemas.args import ListFormatArgs, NoArgs
from portal.api.schemas.catalog import CategoryListSchema, CategorySchema, EnterpriseSchema
from portal.api.views.common import CSV_ONLY, json_or_csv, query_args
from portal.caching import conditional
from portal.extensions import db
from portal.models import Enterprise
from portal.queries import categories as category_queries
from portal.queries import enterprises as enterprise_queries
from portal.queries.batches import batch_query
from portal.queries.recalls import enterprise_recalls
from portal.queries.stats import Figures

blp = Blueprint("catalog", __name__, url_prefix="/api/v1", description="产品类别和企业")
limit_blueprint(blp)


@dataclass(frozen=True)
class EnterpriseHistory:
    """An enterprise with every batch and recall."""

    enterprise: Enterprise
    figures: Figures
    batches: list
    recalls: list


def category_csv():
    """Every category as CSV."""
    return orm_csv(category_queries.category_query(), CategorySchema(), "categories.csv")


@blp.route("/categories")
@conditional()
@query_args(blp, ListFormatArgs)
@blp.response(200, CategoryListSchema)
@blp.doc(**json_or_csv(CategoryListSchema))
def category_list(args):
    """全部产品类别（按代码排序）。"""
    if args["format"] == "csv":
        return category_csv()
    return {"items": category_queries.all_categories()}


@blp.route("/categories.csv")
@conditional()
@query_args(blp, NoArgs)
@blp.doc(**CSV_ONLY)
def category_list_csv(_args):
    """全部产品类别的 CSV。"""
    return category_csv()


@blp.route("/enterprises/<credit_code>")
@conditional()
@query_args(blp, NoArgs)
@blp.response(200, EnterpriseSchema)
def enterprise_detail(_args, credit_code: str):
    """一家企业的全部历史：抽查批次、召回和合格率。"""
    enterprise = enterprise_queries.get_enterprise(credit_code)
    batches = db.session.scalars(batch_query({"enterprise": enterprise.credit_code}))
    return EnterpriseHistory(
        enterprise,
        enterprise_queries.enterprise_figures(enterprise),
        list(batches),
        enterprise_recalls(enterprise.id),
    )
