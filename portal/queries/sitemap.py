"""Sitemap queries: the public records of each kind, in pages of at most 50,000 addresses."""

from sqlalchemy import func, null, select

from portal.extensions import db
from portal.models import Announcement, Enterprise, ProductCategory, Recall, Regulation
from portal.queries.common import is_visible

# The sitemap protocol allows at most 50,000 addresses per file.
URLS_PER_SITEMAP = 50_000

# kind -> (model, endpoint, URL argument name, key column name)
SECTIONS = {
    "announcements": (Announcement, "public.announcement_detail", "announcement_id", "id"),
    "recalls": (Recall, "public.recall_detail", "recall_id", "id"),
    "regulations": (Regulation, "public.regulation_detail", "regulation_id", "id"),
    "enterprises": (Enterprise, "public.enterprise_detail", "credit_code", "credit_code"),
    "categories": (ProductCategory, "public.category_detail", "code", "code"),
}


def section_statement(kind: str):
    """Select (key, last change) of the section's public records, in key order."""
    model, _endpoint, _arg, key = SECTIONS[kind]
    changed = getattr(model, "updated_at", None)
    stmt = select(getattr(model, key), changed if changed is not None else null())
    if hasattr(model, "status"):
        stmt = stmt.where(is_visible(model))
    return stmt.order_by(getattr(model, key))


def section_page_counts(per_file: int = URLS_PER_SITEMAP) -> list[tuple[str, int]]:
    """(kind, number of sitemap files) of every section with at least one record."""
    counts = []
    for kind in SECTIONS:
        total = db.session.scalar(
            select(func.count()).select_from(section_statement(kind).subquery())
        )
        if total:
            counts.append((kind, -(-total // per_file)))
    return counts


def section_entries(kind: str, number: int, per_file: int = URLS_PER_SITEMAP) -> list[tuple]:
    """(key, last change) of the records on the section's sitemap file `number` (from 1)."""
    stmt = section_statement(kind).offset((number - 1) * per_file).limit(per_file)
    return list(db.session.execute(stmt).all())
