"""Feed entries: what one announcement, recall or regulation says to a subscriber."""

from dataclasses import dataclass, field
from datetime import date, datetime

from portal.feeds.links import absolute_url, tag_uri
from portal.i18n import N_
from portal.i18n import gettext as _
from portal.queries.announcements import BatchCounts, batch_counts
from portal.queries.batches import failed_enterprise_names
from portal.queries.revisions import RevisionAction, revisions_by_record
from portal.templating import date_cn, percent
from portal.timeutil import local_midnight, to_local

DEMO_NOTE = N_("【演示数据】本条由系统生成，用于展示平台功能，不是真实的抽查或召回结果。")


def local_date_cn(stamp: datetime | None) -> str:
    """The Shanghai date of a naive UTC time, in Chinese (empty when unknown)."""
    return date_cn(to_local(stamp).date()) if stamp else ""


@dataclass(frozen=True)
class Category:
    """A category of an entry: machine term, human label, scheme URL."""

    term: str
    label: str
    scheme: str


@dataclass(frozen=True)
class FeedEntry:
    """One entry, independent of the feed format."""

    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary: str
    day: date
    categories: list[Category] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        """Newest-first key when feeds of several types are merged."""
        return (self.day, self.published)


@dataclass(frozen=True)
class Publication:
    """The public state of the record behind an entry: dates, withdrawal, corrections."""

    record: object
    day: date
    revisions: list

    @property
    def published(self) -> datetime:
        """When the record was published, in Asia/Shanghai."""
        stamp = self.record.published_at
        return to_local(stamp) if stamp else local_midnight(self.day)

    @property
    def updated(self) -> datetime:
        """The last public change: publication, a correction or the withdrawal."""
        times = [to_local(r.revised_at) for r in self.revisions]
        if self.record.withdrawn_at:
            times.append(to_local(self.record.withdrawn_at))
        return max([self.published, *times])

    def title(self, title: str) -> str:
        """The entry title, marked when the record was withdrawn."""
        return _("【已撤回】%(title)s", title=title) if self.record.is_withdrawn else title

    def notes(self) -> list[str]:
        """Withdrawal, correction and demo notices that lead the summary."""
        notes = []
        if self.record.is_withdrawn:
            when = local_date_cn(self.record.withdrawn_at)
            note = self.record.withdrawal_note or ""
            notes.append(_("【已撤回】本信息已于%(when)s撤回。%(note)s", when=when, note=note))
        for revision in reversed(self.revisions):
            if revision.action == RevisionAction.CORRECT:
                when = local_date_cn(revision.revised_at)
                notes.append(
                    _("【更正说明 %(when)s】%(note)s", when=when, note=revision.public_note)
                )
        if self.record.is_demo:
            notes.append(_(DEMO_NOTE))
        return notes


def make_entry(publication, specific, title, link, lines, categories) -> FeedEntry:
    """Assemble an entry from a publication and its text lines."""
    return FeedEntry(
        id=tag_uri(specific),
        title=publication.title(title),
        link=link,
        published=publication.published,
        updated=publication.updated,
        summary="\n".join([*publication.notes(), *(line for line in lines if line)]),
        day=publication.day,
        categories=categories,
    )


def category_of(category) -> list[Category]:
    """The entry category of a product category (none when absent)."""
    if category is None:
        return []
    return [Category(category.code, category.name, absolute_url("public.category_list"))]


def announcement_publications(announcements) -> dict[int, Publication]:
    """Publications of several announcements, with their revisions loaded in one query."""
    revisions = revisions_by_record("announcement", [a.id for a in announcements])
    return {a.id: Publication(a, a.issued_on, revisions.get(a.id, [])) for a in announcements}


def announcement_entries(announcements) -> list[FeedEntry]:
    """Entries of announcements, with their batch figures and failed enterprises."""
    ids = [a.id for a in announcements]
    counts, failed = batch_counts(ids), failed_enterprise_names(ids)
    publications = announcement_publications(announcements)
    return [
        announcement_entry(publications[a.id], counts.get(a.id, BatchCounts()), failed.get(a.id))
        for a in announcements
    ]


def announcement_entry(publication, counts: BatchCounts, failed_names) -> FeedEntry:
    """One announcement: batches, failed batches and the enterprises with failed batches."""
    a = publication.record
    names = failed_names or []
    rate, issued = percent(counts.pass_rate), date_cn(a.issued_on)
    lines = [
        _(
            "%(category)s · %(scope)s环节 · 公告编号 %(number)s · 发布日期 %(issued)s",
            category=a.category.name,
            scope=_(a.scope),
            number=a.number,
            issued=issued,
        ),
        _(
            "抽查 %(total)s 批次，不合格 %(failed)s 批次，批次合格率 %(rate)s。",
            total=counts.total,
            failed=counts.failed,
            rate=rate,
        ),
        _(
            "有不合格批次的企业（%(count)s 家）：%(names)s。",
            count=len(names),
            names="、".join(names),
        )
        if names
        else "",
        a.summary,
    ]
    link = absolute_url("public.announcement_detail", announcement_id=a.id)
    specific = f"announcement/{a.id}"
    return make_entry(publication, specific, a.title, link, lines, category_of(a.category))


def recall_entries(recalls) -> list[FeedEntry]:
    """Entries of recall notices."""
    revisions = revisions_by_record("recall", [r.id for r in recalls])
    return [recall_entry(Publication(r, r.announced_on, revisions.get(r.id, []))) for r in recalls]


def recall_entry(publication) -> FeedEntry:
    """One recall: who recalls what, the defect, the hazard and the remedy."""
    r = publication.record
    lines = [
        _(
            "%(type)s · %(kind)s · 召回编号 %(number)s · 发布日期 %(date)s",
            type=_(r.recall_type),
            kind=_(r.kind),
            number=r.number,
            date=date_cn(r.announced_on),
        ),
        _("召回企业：%(name)s", name=r.enterprise.name) if r.enterprise else "",
        _("产品：%(product)s", product=r.product_name)
        + (_("；型号：%(models)s", models=r.models) if r.models else ""),
        _("涉及数量：%(quantity)s", quantity=format(r.quantity, ",")) if r.quantity else "",
        _("缺陷情况：%(text)s", text=r.defect),
        _("可能造成的危害：%(text)s", text=r.hazard),
        _("召回措施：%(text)s", text=r.remedy),
    ]
    link = absolute_url("public.recall_detail", recall_id=r.id)
    return make_entry(publication, f"recall/{r.id}", r.title, link, lines, category_of(r.category))


def regulation_entries(regulations) -> list[FeedEntry]:
    """Entries of regulations (new texts and new versions)."""
    revisions = revisions_by_record("regulation", [r.id for r in regulations])
    return [
        regulation_entry(Publication(r, r.version_on, revisions.get(r.id, []))) for r in regulations
    ]


def regulation_entry(publication) -> FeedEntry:
    """One regulation: level, status, issuing body and the version of the text."""
    r = publication.record
    lines = [
        f"{_(r.level)} · {_(r.legal_status)}",
        _("制定机关：%(body)s", body=r.issuing_body) if r.issuing_body else "",
        _("文号：%(number)s", number=r.document_number) if r.document_number else "",
        _("施行日期：%(date)s", date=date_cn(r.effective_on)) if r.effective_on else "",
        _("本文本版本：%(date)s", date=date_cn(r.version_on)),
    ]
    link = absolute_url("public.regulation_detail", regulation_id=r.id)
    scheme = absolute_url("public.regulation_list")
    categories = [Category(r.level, r.level, scheme)]
    return make_entry(publication, f"regulation/{r.id}", r.title, link, lines, categories)
