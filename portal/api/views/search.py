"""/api/v1/search: the site's search as JSON, with facets."""

from flask_smorest import Blueprint

from portal.api.collection import collection
from portal.api.http import limit_blueprint
from portal.api.schemas.search import ApiSearchArgs, SearchResultSchema
from portal.api.views.common import query_args
from portal.i18n import N_
from portal.load_shedding import search_slot
from portal.search import search as run_search

blp = Blueprint("search", __name__, url_prefix="/api/v1", description=N_("全文搜索"))
limit_blueprint(blp)


@blp.route("/search")
@query_args(blp, ApiSearchArgs)
@blp.response(200, SearchResultSchema)
@blp.alt_response(503, description=N_("搜索索引正在建立，请稍后重试"))
def search(args):
    """全文搜索公告、批次、召回、法规条文和企业：与网站搜索页结果相同，含分面计数。"""
    with search_slot():
        page = run_search(args)
    body, headers = collection(page)
    body |= {"query": page.query, "sort": page.sort, "facets": page.facets}
    return body, 200, headers
