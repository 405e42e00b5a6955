"""/api/v1/categories: the product categories of the spot-check catalogue."""

from flask_smorest import Blueprint

from portal.api.collection import orm_csv
from portal.api.http import limit_blueprint
from portal.api.schemas.args import ListFormatArgs, NoArgs
from portal.api.schemas.categories import CategoryListSchema, CategorySchema
from portal.api.views.common import CSV_ONLY, json_or_csv, query_args
from portal.caching import conditional
from portal.i18n import N_
from portal.queries import categories as category_queries

blp = Blueprint("categories", __name__, url_prefix="/api/v1", description=N_("产品类别"))
limit_blueprint(blp)


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
