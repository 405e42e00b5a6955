"""Read side of regulations and their articles."""

from itertools import groupby

from flask_babel import gettext as _
from sqlalchemy import Select, select

from portal.errors import NotFoundError
from portal.extensions import db
from portal.models import Article, Regulation, RegulationVersion
from portal.queries.common import MAX_ID, get_visible, is_visible, updated_since
from portal.queries.pagination import page_of

SORTS = {
    "-version_on": (Regulation.version_on.desc(), Regulation.id.asc()),
    "title": (Regulation.title.asc(),),
}


def regulation_query(args: dict) -> Select:
    """Select visible regulations matching the list filters."""
    stmt = select(Regulation).where(
        is_visible(Regulation), *updated_since(Regulation, args.get("updated_since"))
    )
    if args.get("level"):
        stmt = stmt.where(Regulation.level == args["level"])
    if args.get("status"):
        stmt = stmt.where(Regulation.legal_status == args["status"])
    return stmt.order_by(*SORTS[args.get("sort", "-version_on")])


def get_regulation(regulation_id: int) -> Regulation:
    """Return a visible regulation or raise NotFoundError."""
    return get_visible(Regulation, regulation_id)


def chapters(regulation: Regulation) -> list[tuple[str | None, list[Article]]]:
    """The regulation's articles grouped by chapter, in order."""
    return [
        (name, list(group)) for name, group in groupby(regulation.articles, lambda a: a.chapter)
    ]


def latest_regulations(limit: int = 5) -> list[Regulation]:
    """The most recently versioned visible regulations."""
    return page_of(regulation_query({}), 1, limit, count=False).items


def get_regulation_version(regulation_id: int, version_id: int) -> RegulationVersion:
    """A superseded text of a visible regulation, or raise NotFoundError."""
    regulation = get_regulation(regulation_id)
    version = db.session.get(RegulationVersion, version_id) if 0 < version_id <= MAX_ID else None
    if version is None or version.regulation_id != regulation.id:
        raise NotFoundError(_("没有找到该法规的这个历史版本。"))
    return version


def version_chapters(version: RegulationVersion) -> list[tuple[str | None, list[dict]]]:
    """A superseded text's articles (dicts) grouped by chapter, in order."""
    return [
        (name, list(group)) for name, group in groupby(version.articles, lambda a: a["chapter"])
    ]
