"""Every feed the portal offers: which shared query fills it and what its title says."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from portal.errors import NotFoundError
from portal.feeds.batch_entries import enterprise_entries, failed_batch_entries
from portal.feeds.entries import (
    FeedEntry,
    announcement_entries,
    recall_entries,
    regulation_entries,
)
from portal.feeds.links import absolute_url
from portal.i18n import gettext as _
from portal.models import Result
from portal.queries.announcements import announcement_query
from portal.queries.batches import batch_query
from portal.queries.categories import district_names, get_category
from portal.queries.enterprises import get_enterprise
from portal.queries.pagination import page_of
from portal.queries.plan import plan_announcement_query
from portal.queries.recalls import recall_query
from portal.queries.regulations import regulation_query

FEED_SIZE = 50
# Batch rows read for an enterprise feed before grouping them per announcement.
ENTERPRISE_BATCH_LIMIT = 2000


@dataclass(frozen=True)
class Feed:
    """A feed, independent of its format: title, description, the page it follows, entries."""

    slug: str
    title: str
    subtitle: str
    page_url: str
    entries: list[FeedEntry] = field(default_factory=list)


def newest(stmt, limit: int = FEED_SIZE) -> list:
    """The first page of a shared query (already ordered newest first), without a count."""
    return page_of(stmt, 1, limit, count=False).items


def merged(*entry_lists: list[FeedEntry]) -> list[FeedEntry]:
    """Entries of several types merged newest first, cut to the feed size."""
    entries = [entry for entries in entry_lists for entry in entries]
    return sorted(entries, key=lambda entry: entry.sort_key, reverse=True)[:FEED_SIZE]


def announcements_and_recalls(args: dict) -> list[FeedEntry]:
    """Announcements and recalls matching the same filters, merged newest first."""
    return merged(
        announcement_entries(newest(announcement_query(args))),
        recall_entries(newest(recall_query(args))),
    )


def all_feed() -> Feed:
    """Everything: announcements, recalls and regulations merged by date."""
    entries = merged(
        announcement_entries(newest(announcement_query({}))),
        recall_entries(newest(recall_query({}))),
        regulation_entries(newest(regulation_query({}))),
    )
    subtitle = _("监督抽查公告、缺陷产品召回和产品质量法规的最新发布、更正与撤回。")
    return Feed("all", _("全部公开信息"), subtitle, absolute_url("public.home"), entries)


def announcements_feed() -> Feed:
    """Every spot-check announcement."""
    entries = announcement_entries(newest(announcement_query({})))
    subtitle = _("每期监督抽查公告的抽查批次、不合格批次和不合格企业。")
    page = absolute_url("public.announcement_list")
    return Feed("announcements", _("监督抽查公告"), subtitle, page, entries)


def recalls_feed() -> Feed:
    """Every recall notice."""
    entries = recall_entries(newest(recall_query({})))
    subtitle = _("缺陷产品召回信息：召回企业、产品、缺陷、危害和召回措施。")
    page = absolute_url("public.recall_list")
    return Feed("recalls", _("缺陷产品召回"), subtitle, page, entries)


def regulations_feed() -> Feed:
    """Every regulation, newest version first."""
    entries = regulation_entries(newest(regulation_query({})))
    subtitle = _("产品质量法律法规的新文本和新版本。")
    page = absolute_url("public.regulation_list")
    return Feed("regulations", _("法律法规"), subtitle, page, entries)


TYPE_FEEDS = {
    "announcements": announcements_feed,
    "recalls": recalls_feed,
    "regulations": regulations_feed,
}


def category_feed(code: str) -> Feed:
    """Announcements and recalls of one product category."""
    category = get_category(code)
    entries = announcements_and_recalls({"category": category.code})
    title = _("「%(name)s」抽查公告与召回", name=category.name)
    subtitle = _("%(name)s的监督抽查公告和缺陷产品召回。", name=category.name)
    page = absolute_url("public.category_detail", code=category.code)
    return Feed(f"categories/{category.code}", title, subtitle, page, entries)


def enterprise_feed(credit_code: str) -> Feed:
    """An enterprise's batches (grouped per announcement) and its recalls."""
    enterprise = get_enterprise(credit_code)
    args = {"enterprise": enterprise.credit_code, "include_withdrawn": True}
    batches = newest(batch_query(args), ENTERPRISE_BATCH_LIMIT)
    recalls = newest(recall_query({"enterprise_id": enterprise.id}))
    entries = merged(enterprise_entries(enterprise, batches, FEED_SIZE), recall_entries(recalls))
    title = _("「%(name)s」抽查结果与召回", name=enterprise.name)
    subtitle = _(
        "%(name)s（%(code)s）被监督抽查的结果和召回信息。",
        name=enterprise.name,
        code=enterprise.credit_code,
    )
    page = absolute_url("public.enterprise_detail", credit_code=enterprise.credit_code)
    return Feed(f"enterprises/{enterprise.credit_code}", title, subtitle, page, entries)


def require_district(district: str) -> str:
    """The district when batches were sampled there, else NotFoundError."""
    if district not in district_names():
        raise NotFoundError(
            _("没有“%(district)s”的抽查记录。请从订阅列表中选择区。", district=district)
        )
    return district


def district_feed(district: str) -> Feed:
    """Announcements with batches sampled in a district, and recalls of its enterprises."""
    district = require_district(district)
    entries = announcements_and_recalls({"district": district})
    title = _("「%(name)s」抽查公告与召回", name=district)
    subtitle = _(
        "在%(district)s抽样的监督抽查公告，以及该区企业的缺陷产品召回。", district=district
    )
    page = absolute_url("public.announcement_list", district=district)
    return Feed(f"districts/{district}", title, subtitle, page, entries)


def failed_feed(args: dict) -> Feed:
    """Failed batches, optionally of one category and/or one district."""
    names = []
    if args.get("district"):
        names.append(require_district(args["district"]))
    if args.get("category"):
        names.append(get_category(args["category"]).name)
    query_args = {**args, "result": Result.FAIL, "include_withdrawn": True}
    entries = failed_batch_entries(newest(batch_query(query_args)))
    scope = "·".join(names)
    if scope:
        title = _("「%(scope)s」不合格抽查结果", scope=scope)
        subtitle = _("「%(scope)s」监督抽查中不合格的批次：企业、产品和不合格项目。", scope=scope)
    else:
        title = _("不合格抽查结果")
        subtitle = _("全部监督抽查中不合格的批次：企业、产品和不合格项目。")
    page = absolute_url("public.announcement_list", result=Result.FAIL, **args)
    slug = "failed" + (f"?{urlencode(sorted(args.items()))}" if args else "")
    return Feed(slug, title, subtitle, page, entries)


def plan_feed(year: int) -> Feed:
    """Results of a year's spot-check plan: announcements linked to its items."""
    entries = announcement_entries(newest(plan_announcement_query(year)))
    subtitle = _(
        "%(year)s 年监督抽查计划各项目已公布的抽查结果（含你点我检采纳的项目）。", year=year
    )
    page = absolute_url("public_plan.plan_year", year=year)
    return Feed(f"plan-{year}", _("%(year)s 年抽查计划结果", year=year), subtitle, page, entries)
