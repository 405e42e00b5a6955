"""What a subscription follows: a feed's kind and arguments, validated as the feed does.

Each kind reuses its feed's argument loading (the same schema or lookup that makes an unknown
category, enterprise or district a 404) and becomes a Spec: the document types it covers, the
facet filters every matching document must carry and, for searches, the query box text that
`portal.search.querying.parse_query` reads, exactly as the search page and feed read it.

A subscription's label says what it follows with the feed's own title, in the active language:
`subscription_label` says it anew for each page and mail (the stored label is its Chinese copy,
shown only when the followed category or enterprise is gone).
"""

import hashlib
import json
from dataclasses import dataclass, field

from flask_babel import gettext as _

from portal.errors import InvalidInputError, NotFoundError, PortalError
from portal.feeds.definitions import require_district
from portal.feeds.search_feed import search_label
from portal.i18n import N_, translate
from portal.models import Result
from portal.queries.categories import get_category
from portal.queries.common import load_args
from portal.queries.enterprises import get_enterprise
from portal.queries.params import FailedBatchFeedArgs
from portal.search import SearchArgs

TYPE_FEEDS = {
    "announcements": (("announcement",), N_("监督抽查公告")),
    "recalls": (("recall",), N_("缺陷产品召回")),
    "regulations": (("article",), N_("法律法规")),
}
SEARCH_KEYS = ("q", "type", "category", "year", "result", "district")


@dataclass(frozen=True)
class Spec:
    """Document types (None: all), required facet values and the query box text."""

    types: tuple[str, ...] | None = None
    filters: dict = field(default_factory=dict)
    q: str = ""


def load_subscription(feed: str, raw: dict) -> tuple[dict, str]:
    """Validate a feed's arguments as its feed does; return (stored args, label)."""
    loader = LOADERS.get(feed)
    if loader is None:
        raise NotFoundError(_("没有这种订阅。请从页面上的“邮件订阅”链接进入。"))
    return loader(raw)


def load_all(_raw: dict) -> tuple[dict, str]:
    """Everything published."""
    return {}, _("全部公开信息")


def load_type(raw: dict) -> tuple[dict, str]:
    """One type of content."""
    kind = raw.get("kind", "")
    if kind not in TYPE_FEEDS:
        raise NotFoundError(_("没有这种订阅。"))
    return {"kind": kind}, translate(TYPE_FEEDS[kind][1])


def load_category(raw: dict) -> tuple[dict, str]:
    """A product category's announcements and recalls."""
    category = get_category(str(raw.get("code", "")))
    return {"code": category.code}, _("「%(name)s」抽查公告与召回", name=category.name)


def load_enterprise(raw: dict) -> tuple[dict, str]:
    """An enterprise's batches and recalls."""
    enterprise = get_enterprise(str(raw.get("credit_code", "")))
    label = _("「%(name)s」抽查结果与召回", name=enterprise.name)
    return {"credit_code": enterprise.credit_code}, label


def load_district(raw: dict) -> tuple[dict, str]:
    """Batches sampled in a district and recalls of its enterprises."""
    district = require_district(str(raw.get("district", ""))[:32])
    return {"district": district}, _("「%(name)s」抽查公告与召回", name=district)


def load_failed(raw: dict) -> tuple[dict, str]:
    """Failed batches, optionally of one category and/or district."""
    args = load_args(FailedBatchFeedArgs(), raw)
    names = []
    if args.get("district"):
        names.append(require_district(args["district"]))
    if args.get("category"):
        names.append(get_category(args["category"]).name)
    if not names:
        return args, _("不合格抽查结果")
    return args, _("「%(scope)s」不合格抽查结果", scope="·".join(names))


def load_search(raw: dict) -> tuple[dict, str]:
    """Any search, as the search page reads it (order and page do not matter here)."""
    loaded = load_args(SearchArgs(), raw)
    args = {key: loaded[key] for key in SEARCH_KEYS if loaded.get(key) not in (None, "")}
    if not args:
        raise InvalidInputError(_("请先输入搜索词或选择筛选条件，再订阅搜索结果。"))
    return args, search_label(args)


def subscription_label(subscription) -> str:
    """What a stored subscription follows, in the active language (its stored Chinese label
    when the followed record is gone)."""
    try:
        return load_subscription(subscription.kind, dict(subscription.args or {}))[1]
    except PortalError:
        return subscription.label


LOADERS = {
    "all": load_all,
    "type": load_type,
    "category": load_category,
    "enterprise": load_enterprise,
    "district": load_district,
    "failed": load_failed,
    "search": load_search,
}


def spec_of(feed: str, args: dict) -> Spec:
    """The documents a stored subscription follows."""
    if feed == "type":
        return Spec(types=TYPE_FEEDS[args["kind"]][0])
    if feed == "category":
        return Spec(("announcement", "recall"), {"category": args["code"]})
    if feed == "enterprise":
        return Spec(("batch", "recall"), {"enterprise": args["credit_code"]})
    if feed == "district":
        return Spec(("batch", "recall"), {"district": args["district"]})
    if feed == "failed":
        return Spec(("batch",), {"result": Result.FAIL, **args})
    if feed == "search":
        filters = {key: args[key] for key in SEARCH_KEYS[1:] if key in args}
        return Spec(None, filters, args.get("q", ""))
    return Spec(types=("announcement", "recall", "article"))


def spec_key(feed: str, args: dict) -> str:
    """A stable hash of a subscription's kind and arguments (one per address and query)."""
    text = json.dumps([feed, args], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:40]
