"""Search documents: one per announcement, batch, recall, regulation article and enterprise."""

import datetime
from dataclasses import dataclass, field, fields

from portal.models import Announcement, Article, Batch, Enterprise, Recall, Result

DOC_TYPES = {
    "announcement": "抽查公告",
    "batch": "抽查批次",
    "recall": "缺陷召回",
    "article": "法规条文",
    "enterprise": "企业",
}


@dataclass
class SearchDocument:
    """What both backends store about one searchable record."""

    doc_type: str
    record_id: int
    title: str
    body: str
    url: str
    date: datetime.date | None = None
    category_code: str | None = None
    category_name: str | None = None
    result: str | None = None
    district: str | None = None
    enterprise_name: str | None = None
    is_demo: bool = False
    level: str | None = None  # a regulation's level (法律, 地方性法规, ...): weighs in ranking
    short_texts: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        """Unique id of the document, e.g. batch:123."""
        return document_key(self.doc_type, self.record_id)

    @property
    def year(self) -> int | None:
        """Year of the document's date."""
        return self.date.year if self.date else None

    def stored(self) -> dict:
        """The fields a hit is built from."""
        return {  # a shallow copy: asdict() deep-copies and costs 5% of an index build
            item.name: getattr(self, item.name)
            for item in fields(self)
            if item.name != "short_texts"
        }


def document_key(doc_type: str, record_id: int) -> str:
    """The unique id of a document."""
    return f"{doc_type}:{record_id}"


def _category(record) -> tuple[str | None, str | None]:
    """Code and name of a record's category."""
    category = record.category
    return (category.code, category.name) if category else (None, None)


def announcement_document(announcement: Announcement, has_failed: bool) -> SearchDocument:
    """The document of a published announcement."""
    code, name = _category(announcement)
    return SearchDocument(
        doc_type="announcement",
        record_id=announcement.id,
        title=announcement.title,
        body="\n".join(
            filter(None, (announcement.number, announcement.summary, announcement.body))
        ),
        url=f"/announcements/{announcement.id}",
        date=announcement.issued_on,
        category_code=code,
        category_name=name,
        result=Result.FAIL if has_failed else Result.PASS,
        is_demo=bool(announcement.is_demo),
        short_texts=[announcement.title, name or ""],
    )


def batch_document(batch: Batch, announcement: Announcement) -> SearchDocument:
    """The document of a batch of a published announcement."""
    code, name = _category(batch)
    enterprise = batch.enterprise
    failed = "、".join(batch.failed_items or [])
    parts = (batch.product_name, batch.brand, batch.model_spec, batch.result, failed)
    codes = (batch.batch_code, batch.report_number)
    return SearchDocument(
        doc_type="batch",
        record_id=batch.id,
        title=f"{batch.product_name}（{enterprise.name}）",
        body="；".join(filter(None, (*parts, name, batch.agency, batch.district, *codes))),
        url=f"/announcements/{announcement.id}#batch-{batch.id}",
        date=announcement.issued_on,
        category_code=code,
        category_name=name,
        result=batch.result,
        district=batch.district,
        enterprise_name=enterprise.name,
        is_demo=bool(announcement.is_demo),
        short_texts=[batch.product_name, batch.brand or "", enterprise.name, name or ""],
    )


def recall_document(recall: Recall) -> SearchDocument:
    """The document of a published recall."""
    code, name = _category(recall)
    enterprise = recall.enterprise
    parts = (recall.number, recall.product_name, recall.models, recall.defect, recall.hazard)
    return SearchDocument(
        doc_type="recall",
        record_id=recall.id,
        title=recall.title,
        body="\n".join(filter(None, (*parts, recall.remedy))),
        url=f"/recalls/{recall.id}",
        date=recall.announced_on,
        category_code=code,
        category_name=name,
        district=enterprise.district if enterprise else None,
        enterprise_name=enterprise.name if enterprise else None,
        is_demo=bool(recall.is_demo),
        short_texts=[recall.title, recall.product_name, enterprise.name if enterprise else ""],
    )


def article_document(article: Article) -> SearchDocument:
    """The document of an article of a published regulation."""
    regulation = article.regulation
    return SearchDocument(
        doc_type="article",
        record_id=article.id,
        title=f"{regulation.title} {article.label}",
        body=article.text,
        url=f"/regulations/{regulation.id}#{article.anchor}",
        date=regulation.version_on,
        is_demo=bool(regulation.is_demo),
        level=regulation.level,
        short_texts=[regulation.title],
    )


def enterprise_document(enterprise: Enterprise) -> SearchDocument:
    """The document of an enterprise."""
    parts = (enterprise.name, enterprise.credit_code, enterprise.address, enterprise.district)
    return SearchDocument(
        doc_type="enterprise",
        record_id=enterprise.id,
        title=enterprise.name,
        body="\n".join(filter(None, (*parts, enterprise.licence_number))),
        url=f"/enterprises/{enterprise.credit_code}",
        district=enterprise.district,
        enterprise_name=enterprise.name,
        short_texts=[enterprise.name],
    )
