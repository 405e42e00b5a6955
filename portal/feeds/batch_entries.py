"""Feed entries built from batch rows: an enterprise's results and single failed batches."""

from itertools import groupby

from portal.feeds.entries import FeedEntry, announcement_publications, category_of, make_entry
from portal.feeds.links import absolute_url
from portal.i18n import gettext as _
from portal.templating import date_cn


def batch_line(batch) -> str:
    """One batch in a sentence: product, brand, model, result and failed items."""
    details = "，".join(part for part in (batch.brand, batch.model_spec) if part)
    line = f"{batch.product_name}（{details}）" if details else batch.product_name
    line += _("：%(result)s", result=_(batch.result))
    if batch.failed_items:
        line += _("，不合格项目：%(items)s", items="、".join(batch.failed_items))
    return line


def enterprise_entries(enterprise, batches, limit: int) -> list[FeedEntry]:
    """An enterprise's batches grouped per announcement (batches come newest first)."""
    groups = [
        (announcement, list(rows))
        for announcement, rows in groupby(batches, key=lambda batch: batch.announcement)
    ][:limit]
    publications = announcement_publications([announcement for announcement, _ in groups])
    return [
        enterprise_entry(enterprise, publications[announcement.id], rows)
        for announcement, rows in groups
    ]


def enterprise_entry(enterprise, publication, batches) -> FeedEntry:
    """The batches of one enterprise in one announcement."""
    a = publication.record
    failed = sum(1 for batch in batches if batch.is_failed)
    title = _(
        "%(name)s：%(title)s（抽查 %(total)s 批次，不合格 %(failed)s 批次）",
        name=enterprise.name,
        title=a.title,
        total=len(batches),
        failed=failed,
    )
    lines = [
        _(
            "%(category)s · 公告编号 %(number)s · 发布日期 %(date)s",
            category=a.category.name,
            number=a.number,
            date=date_cn(a.issued_on),
        ),
        *(batch_line(batch) for batch in batches),
    ]
    link = absolute_url("public.announcement_detail", announcement_id=a.id)
    specific = f"announcement/{a.id}/enterprise/{enterprise.credit_code}"
    return make_entry(publication, specific, title, link, lines, category_of(a.category))


def failed_batch_entries(batches) -> list[FeedEntry]:
    """One entry per failed batch (batches come newest first)."""
    publications = announcement_publications(list({b.announcement for b in batches}))
    return [failed_batch_entry(publications[b.announcement_id], b) for b in batches]


def failed_batch_entry(publication, batch) -> FeedEntry:
    """A failed batch: enterprise, product, failed items, district and announcement."""
    a = publication.record
    title = _(
        "%(name)s「%(product)s」不合格", name=batch.enterprise.name, product=batch.product_name
    )
    produced = date_cn(batch.produced_on) if batch.produced_on else batch.batch_code
    lines = [
        batch_line(batch),
        _(
            "受检企业：%(name)s（%(code)s）",
            name=batch.enterprise.name,
            code=batch.enterprise.credit_code,
        ),
        _("所在区：%(district)s", district=batch.district) if batch.district else "",
        _("生产日期/批号：%(produced)s", produced=produced) if produced else "",
        _("检验机构：%(agency)s", agency=batch.agency),
        _(
            "公告：%(title)s（%(number)s，%(date)s）",
            title=a.title,
            number=a.number,
            date=date_cn(a.issued_on),
        ),
    ]
    link = absolute_url(
        "public.announcement_detail",
        announcement_id=a.id,
        result="不合格",
        _anchor=f"batch-{batch.id}",
    )
    categories = category_of(batch.category)
    return make_entry(publication, f"batch/{batch.id}", title, link, lines, categories)
