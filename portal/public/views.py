"""Public pages. Views parse arguments, call one query function and render."""

from flask import Blueprint, redirect, render_template, request, url_for

from portal import search as site_search
from portal.caching import conditional, param_names
from portal.extensions import configured_limit, limiter
from portal.health import health_report
from portal.load_shedding import costly_slot, search_slot
from portal.public import pages
from portal.queries import announcements as announcement_queries
from portal.queries import batches as batch_queries
from portal.queries import categories as category_queries
from portal.queries import enterprises as enterprise_queries
from portal.queries import recalls as recall_queries
from portal.queries import regulations as regulation_queries
from portal.queries.charts import category_failed_items, category_trend, stats_charts
from portal.queries.common import load_args
from portal.queries.complaints import complaint_figures
from portal.queries.pagination import page_of
from portal.queries.params import (
    AnnouncementArgs,
    BatchArgs,
    RecallArgs,
    RegulationArgs,
    StatsArgs,
)
from portal.queries.regulation_scope import local_first_order
from portal.queries.stats import (
    headline_figures,
    stats_report,
    tally_district_names,
    tally_filter,
)
from portal.search.errors import SearchUnavailableError

bp = Blueprint("public", __name__)
# What a list's keyword box passes on to the search page (see search_within).
SEARCH_WITHIN = ("q", "category", "year", "result")


def list_params(schema):
    """A list view's argument names: its filters, or with words in the box, what
    search_within passes on (so a filter the list lacks is no part of its key)."""
    names = param_names(schema)
    with_box = names | frozenset(SEARCH_WITHIN)
    return lambda args: with_box if args.get("q", "").strip() else names


def list_response(html: str, page):
    """A list page; 404 past the last page (the page itself names the last one and links it)."""
    return (html, 404) if page.pages and page.page > page.pages else html


@bp.get("/")
@conditional(params=())
def home():
    """Home page: headline figures and the newest content."""
    return render_template(
        "public/home.html",
        headline=headline_figures(),
        announcements=announcement_queries.latest_announcements(6),
        recalls=recall_queries.latest_recalls(5),
        regulations=regulation_queries.latest_regulations(5),
    )


@bp.get("/announcements/")
@conditional(params=list_params(AnnouncementArgs))
def announcement_list():
    """Announcement list with category, year, scope and result filters."""
    if request.args.get("q", "").strip():
        return search_within("announcement")
    args = load_args(AnnouncementArgs(), request.args)
    page = page_of(announcement_queries.announcement_query(args), args["page"], args["per_page"])
    html = render_template(
        "public/announcement_list.html",
        args=args,
        page=page,
        counts=announcement_queries.batch_counts([a.id for a in page.items]),
        categories=category_queries.all_categories(),
        years=announcement_queries.announcement_years(),
        districts=category_queries.district_names(),
    )
    return list_response(html, page)


@bp.get("/announcements/<int:announcement_id>")
@conditional(params=("result",))
def announcement_detail(announcement_id: int):
    """One announcement with its batches; ?result=不合格 shows failed batches alone."""
    announcement = announcement_queries.get_announcement(announcement_id)
    return pages.announcement_page(announcement, request.args.get("result") == "不合格")


@bp.get("/recalls/")
@conditional(params=list_params(RecallArgs))
def recall_list():
    """Recall list with kind, type, category and year filters."""
    if request.args.get("q", "").strip():
        return search_within("recall")
    args = load_args(RecallArgs(), request.args)
    page = page_of(recall_queries.recall_query(args), args["page"], args["per_page"])
    return list_response(render_template("public/recall_list.html", args=args, page=page), page)


@bp.get("/recalls/<int:recall_id>")
@conditional(params=())
def recall_detail(recall_id: int):
    """One recall notice."""
    return pages.recall_page(recall_queries.get_recall(recall_id))


@bp.get("/regulations/")
@conditional(params=list_params(RegulationArgs))
def regulation_list():
    """Regulation list with level and status filters."""
    if request.args.get("q", "").strip():
        return search_within("article")
    args = load_args(RegulationArgs(), request.args)
    stmt = regulation_queries.regulation_query(args)
    if "sort" not in request.args:
        stmt = stmt.order_by(None).order_by(*local_first_order())
    page = page_of(stmt, args["page"], args["per_page"])
    html = render_template("public/regulation_list.html", args=args, page=page)
    return list_response(html, page)


@bp.get("/regulations/<int:regulation_id>")
@conditional(params=())
def regulation_detail(regulation_id: int):
    """One regulation with a chapter table of contents and anchored articles."""
    return pages.regulation_page(regulation_queries.get_regulation(regulation_id))


@bp.get("/regulations/<int:regulation_id>/versions/<int:version_id>")
@conditional(params=())
def regulation_version(regulation_id: int, version_id: int):
    """A superseded text of a regulation, with the same article anchors."""
    version = regulation_queries.get_regulation_version(regulation_id, version_id)
    return render_template(
        "public/regulation_version.html",
        version=version,
        regulation=version.regulation,
        chapters=regulation_queries.version_chapters(version),
    )


@bp.get("/enterprises/<credit_code>")
@conditional(params=param_names(BatchArgs))
def enterprise_detail(credit_code: str):
    """An enterprise's whole history: batches, recalls, pass rate."""
    enterprise = enterprise_queries.get_enterprise(credit_code)
    args = load_args(BatchArgs(), request.args) | {"enterprise": enterprise.credit_code}
    page = page_of(batch_queries.batch_query(args), args["page"], args["per_page"])
    return render_template(
        "public/enterprise_detail.html",
        enterprise=enterprise,
        figures=enterprise_queries.enterprise_figures(enterprise),
        page=page,
        args=args,
        recalls=recall_queries.enterprise_recalls(enterprise.id),
    )


@bp.get("/categories/")
@conditional(params=())
def category_list():
    """Every product category, grouped."""
    return render_template(
        "public/category_list.html", groups=category_queries.categories_by_group()
    )


@bp.get("/categories/<code>")
@conditional(params=param_names(BatchArgs))
def category_detail(code: str):
    """A category's announcements and batches."""
    category = category_queries.get_category(code)
    args = load_args(BatchArgs(), request.args) | {"category": category.code}
    page = page_of(batch_queries.batch_query(args), args["page"], args["per_page"])
    return render_template(
        "public/category_detail.html",
        category=category,
        figures=category_queries.category_figures(category),
        failed_items=category_failed_items(category),
        trend=category_trend(category),
        announcements=announcement_queries.category_announcements(category.code),
        page=page,
        args=args,
    )


@bp.get("/stats/")
@conditional(params=param_names(StatsArgs))
def stats():
    """Pass rates by half-year, category and district, as charts with tables."""
    args = load_args(StatsArgs(), request.args)
    with costly_slot("stats"):  # only misses get here: a hit is served from the cache
        where = tally_filter(args)
        report = stats_report(where)
        charts = stats_charts(report, where)
    return render_template(
        "public/stats.html",
        args=args,
        report=report,
        charts=charts,
        years=announcement_queries.announcement_years(),
        categories=category_queries.all_categories(),
        districts=tally_district_names(),
        complaints=complaint_figures(),
    )


@bp.get("/search")
@limiter.limit(configured_limit("SEARCH_RATE_LIMIT"))
@conditional(params=param_names(site_search.SearchArgs))
def search():
    """Search everything: hits with snippets, facets, sort and pages (the per-client limit
    applies to cached answers too: the fast path leaves rate-limited views to Flask)."""
    args = load_args(site_search.SearchArgs(), request.args)
    try:
        with search_slot():
            page, unavailable = site_search.search(args), False
    except SearchUnavailableError:
        page, unavailable = None, True
    html = render_template("public/search.html", args=args, page=page, unavailable=unavailable)
    return (html, 503, {"Retry-After": "30"}) if unavailable else html


def search_within(doc_type: str):
    """A list's keyword box: search the words among that list's type of content."""
    kept = {key: request.args[key] for key in SEARCH_WITHIN[1:] if request.args.get(key)}
    return redirect(url_for("public.search", q=request.args["q"].strip(), type=doc_type, **kept))


@bp.get("/healthz")
def healthz():
    """Liveness with each dependency's state (database, cache, search index)."""
    return health_report()
