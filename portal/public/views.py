"""Public pages. Views parse arguments, call one query function and render."""

from flask import Blueprint, redirect, render_template, request, url_for

from portal import search as site_search
from portal.caching import conditional
from portal.health import health_report
from portal.queries import announcements as announcement_queries
from portal.queries import batches as batch_queries
from portal.queries import categories as category_queries
from portal.queries import enterprises as enterprise_queries
from portal.queries import recalls as recall_queries
from portal.queries import regulations as regulation_queries
from portal.queries.batches import batch_conditions
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
from portal.queries.revisions import public_revisions
from portal.queries.stats import headline_figures, stats_report
from portal.search.errors import SearchUnavailableError

bp = Blueprint("public", __name__)


@bp.get("/")
@conditional()
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
@conditional()
def announcement_list():
    """Announcement list with category, year, scope and result filters."""
    if request.args.get("q", "").strip():
        return search_within("announcement")
    args = load_args(AnnouncementArgs(), request.args)
    page = page_of(announcement_queries.announcement_query(args), args["page"], args["per_page"])
    return render_template(
        "public/announcement_list.html",
        args=args,
        page=page,
        counts=announcement_queries.batch_counts([a.id for a in page.items]),
        categories=category_queries.all_categories(),
        years=announcement_queries.announcement_years(),
        districts=category_queries.district_names(),
    )


@bp.get("/announcements/<int:announcement_id>")
@conditional()
def announcement_detail(announcement_id: int):
    """One announcement with its batches; ?result=不合格 shows failed batches alone."""
    announcement = announcement_queries.get_announcement(announcement_id)
    failed_only = request.args.get("result") == "不合格"
    return render_template(
        "public/announcement_detail.html",
        announcement=announcement,
        counts=announcement_queries.announcement_counts(announcement.id),
        batches=batch_queries.announcement_batches(announcement.id, failed_only),
        failed_only=failed_only,
        revisions=public_revisions("announcement", announcement.id),
    )


@bp.get("/recalls/")
@conditional()
def recall_list():
    """Recall list with kind, type, category and year filters."""
    if request.args.get("q", "").strip():
        return search_within("recall")
    args = load_args(RecallArgs(), request.args)
    page = page_of(recall_queries.recall_query(args), args["page"], args["per_page"])
    return render_template("public/recall_list.html", args=args, page=page)


@bp.get("/recalls/<int:recall_id>")
@conditional()
def recall_detail(recall_id: int):
    """One recall notice."""
    recall = recall_queries.get_recall(recall_id)
    return render_template(
        "public/recall_detail.html",
        recall=recall,
        revisions=public_revisions("recall", recall.id),
    )


@bp.get("/regulations/")
@conditional()
def regulation_list():
    """Regulation list with level and status filters."""
    if request.args.get("q", "").strip():
        return search_within("article")
    args = load_args(RegulationArgs(), request.args)
    page = page_of(regulation_queries.regulation_query(args), args["page"], args["per_page"])
    return render_template("public/regulation_list.html", args=args, page=page)


@bp.get("/regulations/<int:regulation_id>")
@conditional()
def regulation_detail(regulation_id: int):
    """One regulation with a chapter table of contents and anchored articles."""
    regulation = regulation_queries.get_regulation(regulation_id)
    return render_template(
        "public/regulation_detail.html",
        regulation=regulation,
        chapters=regulation_queries.chapters(regulation),
        revisions=public_revisions("regulation", regulation.id),
    )


@bp.get("/enterprises/<credit_code>")
@conditional()
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
@conditional()
def category_list():
    """Every product category, grouped."""
    return render_template(
        "public/category_list.html", groups=category_queries.categories_by_group()
    )


@bp.get("/categories/<code>")
@conditional()
def category_detail(code: str):
    """A category's announcements and batches."""
    category = category_queries.get_category(code)
    args = load_args(BatchArgs(), request.args) | {"category": category.code}
    page = page_of(batch_queries.batch_query(args), args["page"], args["per_page"])
    return render_template(
        "public/category_detail.html",
        category=category,
        figures=category_queries.category_figures(category),
        announcements=announcement_queries.category_announcements(category.code),
        page=page,
        args=args,
    )


@bp.get("/stats/")
@conditional()
def stats():
    """Pass rates by half-year, category and district, as charts with tables."""
    args = load_args(StatsArgs(), request.args)
    return render_template(
        "public/stats.html",
        args=args,
        report=stats_report(batch_conditions(args)),
        years=announcement_queries.announcement_years(),
        categories=category_queries.all_categories(),
        districts=category_queries.district_names(),
        complaints=complaint_figures(),
    )


@bp.get("/search")
def search():
    """Search everything: hits with snippets, facets, sort and pages (not response-cached)."""
    args = load_args(site_search.SearchArgs(), request.args)
    try:
        page, unavailable = site_search.search(args), False
    except SearchUnavailableError:
        page, unavailable = None, True
    return render_template("public/search.html", args=args, page=page, unavailable=unavailable), (
        503 if unavailable else 200
    )


def search_within(doc_type: str):
    """A list's keyword box: search the words among that list's type of content."""
    kept = {
        key: request.args[key] for key in ("category", "year", "result") if request.args.get(key)
    }
    return redirect(url_for("public.search", q=request.args["q"].strip(), type=doc_type, **kept))


@bp.get("/healthz")
def healthz():
    """Liveness with each dependency's state (database, cache, search index)."""
    return health_report()
