"""Which subscriptions an event concerns, without running one search per subscription.

Every subscription is filed under one anchor key that any matching document must carry (its
enterprise, a required word, its district, category …). An event's documents list their keys;
one indexed lookup finds the subscriptions filed under any of them (the candidates), and only
those are checked against the documents, once per distinct query. The check reads the query
with the search's own parser (`parse_query`, `resolve_filters`) and compares it with the words
the index holds for the document; it answers what the index would for that document, except
that an unknown long word is always allowed its bigram fallback.
"""

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from portal.alerts.documents import ANY, AlertDocument, term_anchor
from portal.alerts.specs import Spec, spec_of
from portal.extensions import db
from portal.models import AlertSubscription
from portal.search.analysis import CJK_ONLY
from portal.search.querying import Clause, QueryPlan, parse_query
from portal.search.service import resolve_filters

ANCHOR_ORDER = ("enterprise", "term", "district", "category", "year", "result", "type")
LOOKUP_CHUNK = 500


@dataclass
class Query:
    """A spec ready to check: types, facet filters and the parsed query box."""

    types: tuple[str, ...] | None
    filters: dict
    plan: QueryPlan


def prepared(spec: Spec) -> Query:
    """Parse a spec's query box as the search does (box filters such as 品类:… included)."""
    plan = parse_query(spec.q)
    filters = resolve_filters(plan, spec.filters) if spec.q or spec.filters else {}
    filters |= {k: v for k, v in spec.filters.items() if k == "enterprise"}
    return Query(spec.types, {k: str(v) for k, v in filters.items()}, plan)


def anchor_key(query: Query) -> str:
    """The most selective key every matching document carries."""
    required = {name: f"{name}:{value}" for name, value in query.filters.items()}
    tokens = [t for c in query.plan.must if not c.pinyin for t in c.tokens]
    if tokens:
        required["term"] = term_anchor(max(tokens, key=len))
    if query.types and len(query.types) == 1:
        required.setdefault("type", f"type:{query.types[0]}")
    for name in ANCHOR_ORDER:
        if name in required:
            return required[name][:200]
    return ANY


def has_token(doc: AlertDocument, token: str) -> bool:
    """The token is indexed for the document (or, for a long word, all its bigrams are)."""
    if token in doc.tokens:
        return True
    if not CJK_ONLY.match(token) or len(token) < 3:
        return False
    return all(token[i : i + 2] in doc.tokens for i in range(len(token) - 1))


def has_phrase(doc: AlertDocument, tokens: list[str]) -> bool:
    """The tokens stand at consecutive positions."""
    size = len(tokens)
    spots = doc.positions
    return any(
        all(tokens[j] in spots[i + j] for j in range(size)) for i in range(len(spots) - size + 1)
    )


def clause_matches(doc: AlertDocument, clause: Clause) -> bool:
    """A word, a phrase, or a pinyin alternative, as the search matches it."""
    if clause.is_phrase and len(clause.tokens) > 1:
        found = has_phrase(doc, clause.tokens)
    else:
        found = all(has_token(doc, token) for token in clause.tokens)
    if not found and clause.pinyin:
        return any(key.startswith(clause.pinyin) for key in doc.pinyin)
    return found


def matches(query: Query, doc: AlertDocument) -> bool:
    """True when the document is a hit of the query."""
    if query.types and doc.doc.doc_type not in query.types:
        return False
    if any(doc.facet(name) != value for name, value in query.filters.items()):
        return False
    if not all(clause_matches(doc, clause) for clause in query.plan.must):
        return False
    return not any(clause_matches(doc, clause) for clause in query.plan.must_not)


def candidates(keys: set[str], event_id: int) -> list[tuple[int, str, dict, str]]:
    """(id, kind, args, spec key) of confirmed subscriptions filed under one of the keys."""
    found = []
    ordered = sorted(keys)
    for start in range(0, len(ordered), LOOKUP_CHUNK):
        chunk = ordered[start : start + LOOKUP_CHUNK]
        stmt = select(
            AlertSubscription.id,
            AlertSubscription.kind,
            AlertSubscription.args,
            AlertSubscription.spec_key,
        ).where(
            AlertSubscription.anchor_key.in_(chunk),
            AlertSubscription.confirmed_at.is_not(None),
            AlertSubscription.start_event_id < event_id,
        )
        found.extend(db.session.execute(stmt).all())
    return found


def matching_subscriptions(documents: list[AlertDocument], event_id: int) -> dict[int, list]:
    """Subscription id -> the event's documents it matches (only subscriptions with some)."""
    by_key = defaultdict(list)
    for doc in documents:
        for key in doc.keys:
            by_key[key].append(doc)
    groups = defaultdict(list)
    specs = {}
    for sub_id, kind, args, key in candidates(set(by_key), event_id):
        groups[key].append(sub_id)
        specs[key] = (kind, args)
    found = {}
    for key, sub_ids in groups.items():
        query = prepared(spec_of(*specs[key]))
        hits = [doc for doc in by_key.get(anchor_key(query), ()) if matches(query, doc)]
        if hits:
            found.update(dict.fromkeys(sub_ids, hits))
    return found
