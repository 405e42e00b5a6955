"""Synonyms applied at query time: everyday names and catalogue names find one another.

The groups live in the database (search_synonyms, edited by admins), seeded from the shipped
portal/data/synonyms.txt; while the table is empty the shipped file is used. The dictionary is
kept in the shared cache and dropped when an admin edits it, so no reindex is ever needed.
"""

import logging
import re

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from portal.data import SYNONYMS_TXT
from portal.extensions import cache, db
from portal.models import SearchSynonym
from portal.search.analysis import normalise, query_tokens
from portal.search.querying import Clause, QueryPlan

logger = logging.getLogger(__name__)

CACHE_KEY = "search-synonym-groups"
CACHE_SECONDS = 3600
SEPARATOR = re.compile(r"[\s、,，;；]+")
MAX_WORDS = 12
MAX_TOKENS_FOR_PARTS = 2  # 电瓶车充电器: a word inside a short clause is expanded too


def split_words(line: str) -> list[str]:
    """The distinct words of one group line, in order."""
    return list(dict.fromkeys(word for word in SEPARATOR.split(line.strip()) if word))


def shipped_groups() -> list[list[str]]:
    """The groups of the shipped file."""
    lines = SYNONYMS_TXT.read_text("utf-8").splitlines()
    groups = [split_words(line) for line in lines if line.strip() and not line.startswith("#")]
    return [group for group in groups if len(group) > 1]


def stored_groups() -> list[list[str]]:
    """The groups stored in the database (none when the table is empty or missing)."""
    try:
        lines = db.session.scalars(select(SearchSynonym.words).order_by(SearchSynonym.id))
        return [group for group in map(split_words, lines) if len(group) > 1]
    except SQLAlchemyError:
        db.session.rollback()
        return []


def groups() -> list[list[str]]:
    """The groups in force: stored ones, else the shipped file (cached, shared by workers)."""
    found = cache.get(CACHE_KEY)
    if found is None:
        found = stored_groups() or shipped_groups()
        cache.set(CACHE_KEY, found, timeout=CACHE_SECONDS)
    return found


def forget() -> None:
    """Drop the cached groups (after an edit)."""
    cache.delete(CACHE_KEY)


def lookup() -> dict[str, list[str]]:
    """Folded word -> the group it belongs to (catalogue name first)."""
    table: dict[str, list[str]] = {}
    for group in groups():
        for word in group:
            table.setdefault(normalise(word), group)
    return table


def expand(plan: QueryPlan) -> list[tuple[str, list[str]]]:
    """Add each word's synonyms as alternatives; return (typed word, added words) pairs."""
    table = lookup()
    applied = []
    for clause in plan.must:
        if clause.is_phrase or clause.alternatives:
            continue
        found = expand_clause(clause, table)
        if found:
            applied.append(found)
    return applied


def expand_clause(clause: Clause, table: dict[str, list[str]]) -> tuple[str, list[str]] | None:
    """Alternatives for a clause whose text, or one of whose tokens, is in a group."""
    text = "".join(clause.tokens)
    word = text if text in table else None
    if word is None and len(clause.tokens) <= MAX_TOKENS_FOR_PARTS:
        word = next((token for token in clause.tokens if token in table), None)
    if word is None:
        return None
    others = [other for other in table[word] if normalise(other) != word][:MAX_WORDS]
    for other in others:
        if word == text:
            clause.alternatives.append(query_tokens(other))
        else:
            replaced = [
                t
                for token in clause.tokens
                for t in (query_tokens(other) if token == word else [token])
            ]
            clause.alternatives.append(replaced)
    clause.synonym = (word, others)
    return word, others
