"""The detail pages of announcements, recalls and regulations, rendered from a record.

The public views render a visible record; the staff preview renders a draft through the same
functions with preview=True, so a preview is exactly the public page plus a "草稿预览" banner.
"""

from flask import render_template

from portal.models import Announcement, Recall, Regulation
from portal.queries import announcements as announcement_queries
from portal.queries import batches as batch_queries
from portal.queries import regulations as regulation_queries
from portal.queries.revisions import public_revisions


def announcement_page(announcement: Announcement, failed_only=False, preview=False) -> str:
    """One announcement with its batches (failed ones alone when asked)."""
    return render_template(
        "public/announcement_detail.html",
        announcement=announcement,
        counts=announcement_queries.announcement_counts(announcement.id),
        batches=batch_queries.announcement_batches(announcement.id, failed_only),
        failed_only=failed_only,
        revisions=public_revisions("announcement", announcement.id),
        preview=preview,
    )


def recall_page(recall: Recall, preview=False) -> str:
    """One recall notice."""
    return render_template(
        "public/recall_detail.html",
        recall=recall,
        revisions=public_revisions("recall", recall.id),
        preview=preview,
    )


def regulation_page(regulation: Regulation, preview=False) -> str:
    """One regulation with a chapter table of contents and anchored articles."""
    return render_template(
        "public/regulation_detail.html",
        regulation=regulation,
        chapters=regulation_queries.chapters(regulation),
        revisions=public_revisions("regulation", regulation.id),
        preview=preview,
    )


def preview_page(record, failed_only: bool = False) -> str:
    """The public page of any record, marked as a draft preview (never cached, never public)."""
    if isinstance(record, Announcement):
        return announcement_page(record, failed_only, preview=True)
    if isinstance(record, Recall):
        return recall_page(record, preview=True)
    return regulation_page(record, preview=True)
