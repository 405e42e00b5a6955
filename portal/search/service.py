"""search(): one function behind the search page, the search feed and the search API."""

import hashlib
import json
import logging
from dataclasses import replace

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import joinedload

from portal.extensions import cache, db
from portal.i18n import N_
from portal.models import Batch, ProductCategory
from portal.queries.categories import find_category
from portal.search import maintenance, registry, sources
from portal.search.backend import FACETS, Request, Result
from portal.search.documents import DOC_TYPES
from portal.search.errors import SearchIndexMissingError, SearchUnavailableError
from portal.search.highlight import marked, snippet
from portal.search.querying import QueryPlan, cleaned_query
from portal.search.results import FacetValue, Hit, SearchPage
from portal.search.understanding import best_bets, suggestion, understand

logger = logging.getLogger(__name__)

CACHE_SECONDS = 600
FEW_HITS = 2  # at most this many hits: try the query corrected by sound or pinyin


def search(args: dict) -> SearchPage:
    """Search the index with loaded SearchArgs; the same arguments give the same hits.

    A query with no or very few hits whose words sound like known words is searched again
    corrected ("您是不是要找"); a query naming a category, enterprise or article gets it first.
    """
    typed = cleaned_query(args.get("q"))
    understood = understand(typed)
    filters = resolve_filters(understood.plan, args)
    sort = args.get("sort") or ("relevance" if understood.plan.has_words else "-date")
    request = Request(understood.plan, filters, sort, args.get("page", 1), args.get("per_page", 10))
    result = cached_result(request)
    corrected = None
    if understood.plan.has_words:
        corrected = suggestion(understood.plan, few_hits=result.total <= FEW_HITS)
    if corrected:
        retry = understand(corrected)
        retried = cached_result(replace(request, plan=retry.plan))
        if retried.total > result.total:
            understood, result = retry, retried
            request = replace(request, plan=retry.plan)
        else:
            corrected = None
    plan = understood.plan
    bets = best_bets(understood, corrected or typed) if request.page == 1 else []
    hits = [make_hit(stored, plan) for stored in result.hits]
    add_batch_fields(hits, plan.highlight_terms)
    return SearchPage(
        items=hits,
        total=result.total,
        page=request.page,
        per_page=request.per_page,
        sort=sort,
        query=typed,
        facets=facet_values(result.facets, filters),
        filters=filters,
        best_bets=bets,
        suggestion=corrected,
        synonyms=understood.synonyms,
    )


def resolve_filters(plan: QueryPlan, args: dict) -> dict:
    """Facet filters from the box (category names become codes), overridden by the arguments."""
    filters = dict(plan.filters)
    if "category" in filters:
        filters["category"] = category_code(filters["category"])
    for name in FACETS:
        if args.get(name) not in (None, ""):
            filters[name] = args[name]
    if "year" in filters:
        filters["year"] = str(filters["year"])
    return filters


def category_code(value: str) -> str:
    """The code of a category typed in the box by code or name (unknown: kept, finds nothing)."""
    category = find_category(value)
    return category.code if category else value


def category_names() -> dict[str, str]:
    """Category code -> name."""
    return dict(db.session.execute(select(ProductCategory.code, ProductCategory.name)).all())


def cached_result(request: Request) -> Result:
    """The backend's result; a missing or damaged index is rebuilt (once) while searches
    answer 503, never a silent empty result or a 500."""
    backend = registry.backend()
    try:
        return backend_result(backend, request)
    except SearchIndexMissingError:
        if registry.is_rebuilding() or recover_index():
            raise
        return Result()  # nothing has been published yet: nothing to find
    except (SearchUnavailableError, SQLAlchemyError):
        raise  # already a 503; database errors have their own 503
    except Exception as error:
        if maintenance.startup_problem() in (None, "stale"):
            return backend_result(backend, request)  # replaced meanwhile: search the new one
        maintenance.ensure_index(current_app._get_current_object(), "background")
        logger.warning("Search index damaged (%s): answering 503 while it is rebuilt", error)
        raise SearchUnavailableError("搜索索引损坏，正在重建，请稍后再试。") from error


def backend_result(backend, request: Request) -> Result:
    """The backend's result, cached by index state and the parsed query (so punctuation
    or spacing added to the same words finds the cached entry)."""
    stamp = backend.stamp()
    plan = request.plan
    arguments = [plan.cache_key, request.filters, request.sort, request.page, request.per_page]
    digest = hashlib.sha256(json.dumps(arguments, ensure_ascii=False).encode()).hexdigest()
    key = f"search:{backend.name}:{stamp}:{digest[:32]}"
    use_cache = not current_app.config.get("SEARCH_DISABLE_CACHE")
    result = cache.get(key) if use_cache else None
    if result is None:
        result = backend.search(request)
        if use_cache:
            cache.set(key, result, timeout=CACHE_SECONDS)
    return result


def recover_index() -> bool:
    """When content exists but its index does not (deleted, never built), make sure one
    rebuild runs in the background and return True, so the caller answers 503, not no hits."""
    if not sources.count_documents(db.session):
        return False
    maintenance.ensure_index(current_app._get_current_object(), "background")
    return True


def make_hit(stored: dict, plan: QueryPlan) -> Hit:
    """A Hit from a backend's stored fields, with a highlighted snippet."""
    terms = plan.highlight_terms
    return Hit(
        doc_type=stored["doc_type"],
        record_id=int(stored["record_id"]),
        title=stored["title"],
        url=stored["url"],
        snippet=snippet(stored["body"], terms),
        date=stored.get("date"),
        category=stored.get("category_name"),
        result=stored.get("result") if stored["doc_type"] == "batch" else None,
        enterprise_name=stored.get("enterprise_name"),
        is_demo=bool(stored.get("is_demo")),
    )


def add_batch_fields(hits: list[Hit], terms: list[str]) -> None:
    """Give batch hits labelled fields (enterprise, product, model, result, failed items) with
    the matched words marked, read in one query."""
    ids = [hit.record_id for hit in hits if hit.doc_type == "batch"]
    if not ids:
        return
    stmt = select(Batch).options(joinedload(Batch.enterprise)).where(Batch.id.in_(ids))
    batches = {batch.id: batch for batch in db.session.scalars(stmt)}
    for hit in hits:
        batch = batches.get(hit.record_id) if hit.doc_type == "batch" else None
        if batch is None:
            continue
        values = [
            (N_("企业"), batch.enterprise.name),
            (N_("产品"), batch.product_name),
            (N_("型号"), batch.model_spec),
            (N_("结果"), batch.result),
            (N_("不合格项目"), "、".join(batch.failed_items or [])),
        ]
        hit.fields = [(label, marked(value, terms)) for label, value in values if value]


def facet_values(counts: dict, filters: dict) -> dict[str, list[FacetValue]]:
    """Facet values with labels, marking the selected ones."""
    names = category_names() if counts.get("category") else {}
    labels = {
        "type": DOC_TYPES,
        "category": names,
        "year": {value: f"{value}年" for value, _ in counts.get("year", [])},
    }
    facets = {}
    for name in FACETS:
        pairs = counts.get(name, [])
        if name == "year":
            pairs = sorted(pairs, reverse=True)
        facets[name] = [
            FacetValue(
                value, labels.get(name, {}).get(value, value), count, filters.get(name) == value
            )
            for value, count in pairs
        ]
    return facets
