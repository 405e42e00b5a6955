"""Import regulation texts into Regulation and Article rows."""

import logging
from datetime import datetime, time
from pathlib import Path

from sqlalchemy import select

from portal.extensions import db
from portal.models import Article, PublicationStatus, Regulation
from portal.regulation_parser import ParsedRegulation, infer_level, parse_regulation_file
from portal.services.content import bump_content_version

logger = logging.getLogger(__name__)


def regulation_from_parsed(parsed: ParsedRegulation) -> Regulation:
    """Build an unsaved Regulation with its Article rows."""
    published_at = datetime.combine(parsed.version_on, time(1, 0))
    regulation = Regulation(
        title=parsed.title,
        source_name=parsed.source_name,
        document_number=parsed.document_number,
        issuing_body=parsed.issuing_body,
        level=infer_level(parsed),
        promulgated_on=parsed.promulgated_on,
        effective_on=parsed.effective_on,
        version_on=parsed.version_on,
        history=[{"on": line.on.isoformat(), "text": line.text} for line in parsed.history],
        status=PublicationStatus.PUBLISHED,
        published_at=published_at,
        created_at=published_at,
        updated_at=published_at,
    )
    regulation.articles = [
        Article(number=a.number, label=a.label, chapter=a.chapter, section=a.section, text=a.text)
        for a in parsed.articles
    ]
    return regulation


def import_regulation_files(paths: list[Path]) -> list[Regulation]:
    """Import regulation files not yet present (matched by source name); commit once."""
    existing = set(db.session.scalars(select(Regulation.source_name)))
    added = []
    for path in sorted(paths):
        parsed = parse_regulation_file(path)
        if parsed.source_name in existing:
            continue
        regulation = regulation_from_parsed(parsed)
        db.session.add(regulation)
        added.append(regulation)
        logger.info("Imported %s with %d articles", parsed.title, len(parsed.articles))
    if added:
        bump_content_version()
    db.session.commit()
    return added
