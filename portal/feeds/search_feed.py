"""The search feed: the search page's hits as entries, from the same SearchArgs and search()."""

from datetime import datetime

from portal.feeds.definitions import FEED_SIZE, Feed
from portal.feeds.entries import DEMO_NOTE, Category, FeedEntry
from portal.feeds.links import absolute_url, site_base, tag_uri
from portal.i18n import gettext as _
from portal.queries.categories import get_category
from portal.queries.common import load_args
from portal.search import Hit, SearchArgs, search
from portal.search.documents import DOC_TYPES
from portal.services.content import current_content_version
from portal.timeutil import local_midnight, local_today, to_local

# Subscribers want what is new: without an explicit ?sort= the feed lists newest first.
FEED_SORT = "-date"


def search_feed_args(raw_args) -> dict:
    """The search page's arguments for the feed: first page of FEED_SIZE hits."""
    args = load_args(SearchArgs(), raw_args)
    return {**args, "page": 1, "per_page": FEED_SIZE, "sort": args.get("sort") or FEED_SORT}


def search_feed(args: dict) -> Feed:
    """The hits of a search, titled by the query and its filters."""
    label = search_label(args)
    _version, changed_at = current_content_version()
    fallback_time = to_local(changed_at) if changed_at else local_midnight(local_today())
    entries = [hit_entry(hit, fallback_time) for hit in search(args).hits]
    page_args = {key: value for key, value in args.items() if key not in ("page", "per_page")}
    page = absolute_url("public.search", **page_args)
    subtitle = _("%(label)s：本平台全文搜索的最新结果（与搜索页面相同的查询）。", label=label)
    slug = "search?" + "&".join(f"{key}={value}" for key, value in sorted(page_args.items()))
    return Feed(slug, label, subtitle, page, entries)


def search_label(args: dict) -> str:
    """What a search follows, e.g. 「电动自行车 起火」搜索结果（电动自行车 · 不合格）."""
    filters = []
    if args.get("type"):
        filters.append(_(DOC_TYPES[args["type"]]))
    if args.get("category"):
        filters.append(get_category(args["category"]).name)
    filters += [_(str(args[key])) for key in ("year", "result", "district") if args.get(key)]
    query = _("「%(words)s」", words=args["q"]) if args.get("q") else ""
    label = _("%(query)s搜索结果", query=query)
    return label + (_("（%(filters)s）", filters=" · ".join(filters)) if filters else "")


def hit_entry(hit: Hit, fallback_time: datetime) -> FeedEntry:
    """One hit: its type, category, result, enterprise and the matching passage."""
    when = local_midnight(hit.date) if hit.date else fallback_time
    kind = _(DOC_TYPES.get(hit.doc_type, hit.doc_type))
    result = _(hit.result) if hit.result else None
    facts = [kind, hit.category, result, hit.enterprise_name]
    lines = [_(DEMO_NOTE) if hit.is_demo else "", " · ".join(f for f in facts if f)]
    lines.append(hit.snippet.striptags() if hit.snippet else "")
    scheme = absolute_url("public.search")
    categories = [Category(hit.doc_type, kind, scheme)]
    return FeedEntry(
        id=tag_uri(f"{hit.doc_type}/{hit.record_id}"),
        title=hit.title,
        link=hit.url if hit.url.startswith("http") else site_base() + hit.url,
        published=when,
        updated=when,
        summary="\n".join(line for line in lines if line),
        day=when.date(),
        categories=categories,
    )
