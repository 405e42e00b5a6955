"""Write side of regulations: import shipped texts, add a new one, amend one with a new version.

A regulation keeps its id through amendments: its page always shows the current text (articles
keep their `#article-<n>` anchors by number) and the superseded texts are kept whole as
RegulationVersion rows, each with its own page. The search index follows through the session
events (portal/search/sync.py).
"""

import logging
from datetime import datetime, time
from pathlib import Path

from flask_babel import gettext
from sqlalchemy import select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Article, PublicationStatus, Regulation, RegulationVersion, utcnow
from portal.regulation_parser import ParsedRegulation, infer_level, parse_regulation_file
from portal.services.audit import record_action
from portal.services.content import bump_content_version
from portal.services.regulation_text import read_regulation_text, refusal

logger = logging.getLogger(__name__)

TEXT_FIELDS = ("title", "source_name", "document_number", "issuing_body")
DATE_FIELDS = ("promulgated_on", "effective_on", "version_on")


def regulation_from_parsed(parsed: ParsedRegulation, published_at: datetime | None = None):
    """Build an unsaved, published Regulation with its Article rows."""
    published_at = published_at or datetime.combine(parsed.version_on, time(1, 0))
    regulation = Regulation(
        status=PublicationStatus.PUBLISHED,
        published_at=published_at,
        created_at=published_at,
        updated_at=published_at,
    )
    copy_text(regulation, parsed)
    return regulation


def copy_text(regulation: Regulation, parsed: ParsedRegulation) -> None:
    """Put the parsed metadata, history and articles on the regulation (articles by number)."""
    for name in (*TEXT_FIELDS, *DATE_FIELDS):
        setattr(regulation, name, getattr(parsed, name))
    regulation.level = infer_level(parsed)
    regulation.history = [{"on": line.on.isoformat(), "text": line.text} for line in parsed.history]
    current = {article.number: article for article in regulation.articles}
    articles = []
    for item in parsed.articles:
        article = current.pop(item.number, None) or Article(number=item.number)
        article.label, article.chapter = item.label, item.chapter
        article.section, article.text = item.section, item.text
        articles.append(article)
    regulation.articles = articles  # articles no longer in the text are deleted


def import_regulation_files(paths: list[Path]) -> list[Regulation]:
    """Import regulation files whose text is not yet present (by source name); commit once."""
    known = known_source_names()
    titles = set(db.session.scalars(select(Regulation.title)))
    added = []
    for path in sorted(paths):
        parsed = parse_regulation_file(path)
        if parsed.source_name in known:
            continue
        if parsed.title in titles:
            logger.warning("%s: 《%s》 exists; use amend-regulation", path.name, parsed.title)
            continue
        added.append(regulation_from_parsed(parsed))
        db.session.add(added[-1])
        known.add(parsed.source_name)
        titles.add(parsed.title)
        logger.info("Imported %s with %d articles", parsed.title, len(parsed.articles))
    if added:
        bump_content_version()
    db.session.commit()
    return added


def add_regulation(data: bytes | str, filename: str, user=None, remote_addr="") -> Regulation:
    """Publish a new regulation from an uploaded text file."""
    parsed = read_regulation_text(data, filename)
    check_new_source(parsed)
    if db.session.scalar(select(Regulation.id).where(Regulation.title == parsed.title)):
        raise refusal(
            gettext("已有《%(title)s》：新的文本版本请用“修订”上传。", title=parsed.title)
        )
    regulation = regulation_from_parsed(parsed, published_at=utcnow())
    db.session.add(regulation)
    db.session.flush()
    details = {"filename": filename, "version_on": parsed.version_on.isoformat()}
    details["articles"] = len(parsed.articles)
    record_action(user, "add_regulation", ("regulation", regulation.id), details, remote_addr)
    bump_content_version()
    db.session.commit()
    logger.info("Added regulation %s (%s)", regulation.id, parsed.source_name)
    return regulation


def amend_regulation(regulation, data: bytes | str, filename: str, user=None, remote_addr=""):
    """Replace a regulation's text with a newer version; the old text is kept as a version."""
    parsed = read_regulation_text(data, filename)
    check_new_source(parsed)
    if regulation.status != PublicationStatus.PUBLISHED:
        raise InvalidInputError(
            gettext("只能修订已发布且未撤回的法规。"), errors={"status": [regulation.status]}
        )
    if parsed.version_on <= regulation.version_on:
        raise refusal(
            gettext(
                "新文本的版本日期 %(new)s 应晚于现行文本的 %(current)s。",
                new=parsed.version_on.isoformat(),
                current=regulation.version_on.isoformat(),
            )
        )
    details = amendment_details(regulation, parsed, filename)
    regulation.versions.append(version_of(regulation))
    copy_text(regulation, parsed)
    regulation.updated_at = utcnow()
    record_action(user, "amend_regulation", ("regulation", regulation.id), details, remote_addr)
    bump_content_version()
    db.session.commit()
    logger.info("Amended regulation %s to %s", regulation.id, parsed.source_name)
    return regulation


def check_new_source(parsed: ParsedRegulation) -> None:
    """Refuse a text whose file (source name) was imported before."""
    if parsed.source_name in known_source_names():
        raise refusal(gettext("文本“%(name)s”已经导入过。", name=parsed.source_name))


def known_source_names() -> set[str]:
    """Source names of every current and superseded regulation text."""
    current = db.session.scalars(select(Regulation.source_name))
    superseded = db.session.scalars(select(RegulationVersion.source_name))
    return {*current, *superseded}


def version_of(regulation: Regulation) -> RegulationVersion:
    """A snapshot of the regulation's current text."""
    articles = [
        {"number": a.number, "label": a.label, "chapter": a.chapter, "section": a.section}
        | {"text": a.text}
        for a in regulation.articles
    ]
    fields = {name: getattr(regulation, name) for name in (*TEXT_FIELDS, *DATE_FIELDS)}
    history = list(regulation.history or [])
    return RegulationVersion(**fields, history=history, articles=articles, superseded_at=utcnow())


def amendment_details(regulation: Regulation, parsed: ParsedRegulation, filename: str) -> dict:
    """Audit details of an amendment: versions and which article numbers changed."""
    old = {article.number: article.text for article in regulation.articles}
    new = {article.number: article.text for article in parsed.articles}
    return {
        "filename": filename,
        "from_version": regulation.version_on.isoformat(),
        "to_version": parsed.version_on.isoformat(),
        "articles_added": sorted(new.keys() - old.keys()),
        "articles_removed": sorted(old.keys() - new.keys()),
        "articles_changed": sorted(n for n in new.keys() & old.keys() if new[n] != old[n]),
    }
