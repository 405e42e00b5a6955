"""Admins edit the search synonym groups (stored in search_synonyms, seeded from the shipped
file); every change is audited and takes effect at once (no reindex)."""

from flask_babel import gettext
from sqlalchemy import func, select

from portal.errors import InvalidInputError, NotFoundError
from portal.extensions import db
from portal.models import SearchSynonym
from portal.search import synonyms
from portal.services.audit import record_action

MAX_WORDS = 12
MAX_WORD_LENGTH = 20
ENTITY = "search_synonym"


def stored_groups() -> list[SearchSynonym]:
    """Every stored group; an empty table is first filled from the shipped file."""
    if not db.session.scalar(select(func.count(SearchSynonym.id))):
        db.session.add_all(SearchSynonym(words=" ".join(g)) for g in synonyms.shipped_groups())
        db.session.commit()
    return list(db.session.scalars(select(SearchSynonym).order_by(SearchSynonym.id)))


def checked_words(raw: str) -> str:
    """The group as stored (words separated by one space), or InvalidInputError."""
    words = synonyms.split_words(raw or "")
    problem = None
    if len(words) < 2:
        problem = gettext("至少填写两个词，用空格或顿号分隔。")
    elif len(words) > MAX_WORDS:
        problem = gettext("一组最多 %(count)s 个词。", count=MAX_WORDS)
    elif any(len(word) > MAX_WORD_LENGTH for word in words):
        problem = gettext("每个词最多 %(length)s 个字。", length=MAX_WORD_LENGTH)
    if problem:
        raise InvalidInputError(problem, errors={"words": [problem]})
    return " ".join(words)


def add_group(raw: str, user, remote_addr: str = "") -> SearchSynonym:
    """Store a new group."""
    group = SearchSynonym(words=checked_words(raw))
    db.session.add(group)
    db.session.flush()
    record_action(user, "synonym.add", (ENTITY, group.id), {"words": group.words}, remote_addr)
    commit()
    return group


def edit_group(group_id: int, raw: str, user, remote_addr: str = "") -> SearchSynonym:
    """Replace a group's words."""
    group = get_group(group_id)
    before, group.words = group.words, checked_words(raw)
    details = {"before": before, "after": group.words}
    record_action(user, "synonym.edit", (ENTITY, group.id), details, remote_addr)
    commit()
    return group


def delete_group(group_id: int, user, remote_addr: str = "") -> None:
    """Remove a group."""
    group = get_group(group_id)
    details = {"words": group.words}
    record_action(user, "synonym.delete", (ENTITY, group.id), details, remote_addr)
    db.session.delete(group)
    commit()


def get_group(group_id: int) -> SearchSynonym:
    """The group with this id, or NotFoundError."""
    group = db.session.get(SearchSynonym, group_id)
    if group is None:
        raise NotFoundError(gettext("没有这组同义词。"))
    return group


def commit() -> None:
    """Commit and drop the cached groups and cached result pages' synonyms."""
    db.session.commit()
    synonyms.forget()
