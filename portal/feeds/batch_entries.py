"""Feed entries built from batch rows: an enterprise's results and single failed batches."""

from itertools import groupby

from portal.feeds.entries import FeedEntry, announcement_publications, category_of, make_entry
from portal.feeds.links import absolute_url
from portal.templating import date_cn


def batch_line(batch) -> str:
    """One batch in a sentence: product, brand, model, result and failed items."""
    details = "，".join(part for part in (batch.brand, batch.model_spec) if part)
    line = f"{batch.product_name}（{details}）" if details else batch.product_name
    line += f"：{batch.result}"
    if batch.failed_items:
        line += f"，不合格项目：{'、'.join(batch.failed_items)}"
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
    title = f"{enterprise.name}：{a.title}（抽查 {len(batches)} 批次，不合格 {failed} 批次）"
    lines = [
        f"{a.category.name} · 公告编号 {a.number} · 发布日期 {date_cn(a.issued_on)}",
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
    title = f"{batch.enterprise.name}「{batch.product_name}」不合格"
    lines = [
        batch_line(batch),
        f"受检企业：{batch.enterprise.name}（{batch.enterprise.credit_code}）",
        f"所在区：{batch.district}" if batch.district else "",
        f"生产日期/批号：{date_cn(batch.produced_on) if batch.produced_on else batch.batch_code}"
        if batch.produced_on or batch.batch_code
        else "",
        f"检验机构：{batch.agency}",
        f"公告：{a.title}（{a.number}，{date_cn(a.issued_on)}）",
    ]
    link = absolute_url(
        "public.announcement_detail",
        announcement_id=a.id,
        result="不合格",
        _anchor=f"batch-{batch.id}",
    )
    categories = category_of(batch.category)
    return make_entry(publication, f"batch/{batch.id}", title, link, lines, categories)
