"""Feed addresses. Views parse arguments, pick a feed from the catalog and render it."""

from flask import Blueprint, make_response, render_template, request

from portal.caching import conditional, param_names
from portal.extensions import configured_limit, limiter
from portal.feeds import definitions
from portal.feeds import search_feed as search_feeds
from portal.feeds.browser import readable_in_browser
from portal.feeds.index_links import IndexLinks
from portal.feeds.links import site_base
from portal.feeds.render import feed_response
from portal.load_shedding import search_slot
from portal.queries.categories import categories_by_group, district_names
from portal.queries.common import load_args
from portal.queries.params import FailedBatchFeedArgs

bp = Blueprint("feeds", __name__, url_prefix="/feeds")
limiter.shared_limit(configured_limit("FEED_RATE_LIMIT"), scope="feeds")(bp)

FORMAT = "<any(atom, rss):fmt>"


@bp.get("/")
@conditional(params=("q",))
def index():
    """A page listing every feed with its address and how to subscribe."""
    return render_template(
        "feeds/index.html",
        groups=categories_by_group(),
        districts=district_names(),
        base=site_base(),
        links=IndexLinks(),
        q=request.args.get("q", "").strip()[:50],
    )


@bp.get(f"/all.{FORMAT}")
@readable_in_browser
@conditional(params=())
def all_feed(fmt: str):
    """Announcements, recalls and regulations merged by date."""
    return feed_response(definitions.all_feed(), fmt)


@bp.get(f"/<any(announcements, recalls, regulations):kind>.{FORMAT}")
@readable_in_browser
@conditional(params=())
def type_feed(kind: str, fmt: str):
    """One type of content."""
    return feed_response(definitions.TYPE_FEEDS[kind](), fmt)


@bp.get(f"/categories/<code>.{FORMAT}")
@readable_in_browser
@conditional(params=())
def category_feed(code: str, fmt: str):
    """Announcements and recalls of one product category."""
    return feed_response(definitions.category_feed(code), fmt)


@bp.get(f"/enterprises/<credit_code>.{FORMAT}")
@readable_in_browser
@conditional(params=())
def enterprise_feed(credit_code: str, fmt: str):
    """An enterprise's spot-check results and recalls."""
    return feed_response(definitions.enterprise_feed(credit_code), fmt)


@bp.get(f"/districts/<district>.{FORMAT}")
@readable_in_browser
@conditional(params=())
def district_feed(district: str, fmt: str):
    """Announcements and recalls concerning one district."""
    return feed_response(definitions.district_feed(district), fmt)


@bp.get(f"/failed.{FORMAT}")
@readable_in_browser
@conditional(params=param_names(FailedBatchFeedArgs))
def failed_feed(fmt: str):
    """Failed batches, optionally ?category= and/or ?district=."""
    args = load_args(FailedBatchFeedArgs(), request.args)
    return feed_response(definitions.failed_feed(args), fmt)


@bp.get(f"/plan/<int(min=1990, max=2100):year>.{FORMAT}")
@readable_in_browser
@conditional(params=())
def plan_feed(year: int, fmt: str):
    """Results of a year's spot-check plan."""
    return feed_response(definitions.plan_feed(year), fmt)


@bp.get(f"/search.{FORMAT}")
@readable_in_browser
def search_feed(fmt: str):
    """The hits of any search, exactly as the search page lists them (validated, not cached)."""
    args = search_feeds.search_feed_args(request.args)
    with search_slot():
        feed = search_feeds.search_feed(args)
    response = make_response(feed_response(feed, fmt))
    response.add_etag()
    response.cache_control.public = True
    response.cache_control.max_age = 60
    response.vary.add("Cookie")  # opened in a browser, the feed follows the `lang` cookie
    return response.make_conditional(request)
