"""Turn a query plan into Whoosh queries and sets of matching document numbers."""

import numpy as np
from whoosh import query as wq

from portal.search import ranking
from portal.search.analysis import CJK_ONLY
from portal.search.querying import Clause, QueryPlan


def token_query(searcher, token: str) -> wq.Query:
    """A term of the content field; an unknown long word falls back to its bigrams."""
    if searcher.doc_frequency("content", token) or not CJK_ONLY.match(token) or len(token) < 3:
        return wq.Term("content", token)
    bigrams = [token[i : i + 2] for i in range(len(token) - 1)]
    return wq.And([wq.Term("content", gram) for gram in bigrams])


def clause_query(searcher, clause: Clause) -> wq.Query:
    """A word (all its tokens), a phrase (tokens in order), or a pinyin alternative."""
    if clause.is_phrase and len(clause.tokens) > 1:
        return wq.Phrase("content", clause.tokens)
    options = [all_of(searcher, clause.tokens)]
    options += [all_of(searcher, tokens) for tokens in clause.alternatives if tokens]
    if clause.pinyin:
        options.append(wq.Prefix("pinyin", clause.pinyin))
    return options[0] if len(options) == 1 else wq.Or(options)


def all_of(searcher, tokens: list[str]) -> wq.Query:
    """Every token (a single token stays a plain term)."""
    words = [token_query(searcher, token) for token in tokens]
    return words[0] if len(words) == 1 else wq.And(words)


def positive_query(searcher, plan: QueryPlan) -> wq.Query | None:
    """The query every hit must match, or None to match everything."""
    parts = [clause_query(searcher, clause) for clause in plan.must]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


def scored_query(searcher, plan: QueryPlan) -> wq.Query:
    """The required query with title matches and exact phrases ranked higher."""
    boosts: list[wq.Query] = [
        wq.Term("title", token) for clause in plan.must for token in clause.all_tokens
    ]
    for clause in plan.must:
        for tokens in [clause.tokens, *clause.alternatives]:
            if len(tokens) > 1 and not clause.is_phrase:
                boosts.append(wq.Phrase("content", tokens, boost=ranking.PHRASE_BOOST))
    required = positive_query(searcher, plan)
    return wq.AndMaybe(required, wq.Or(boosts)) if boosts else required


def title_query(plan: QueryPlan) -> wq.Query | None:
    """Any query token in the title field."""
    terms = [wq.Term("title", token) for clause in plan.must for token in clause.all_tokens]
    return wq.Or(terms) if terms else None


def matching_ids(searcher, query: wq.Query | None) -> np.ndarray:
    """Sorted global document numbers matching the query (deleted documents excluded)."""
    if query is None:
        return np.zeros(0, dtype=np.int64)
    matcher = query.matcher(searcher)
    return np.fromiter(matcher.all_ids(), dtype=np.int64)


def excluded_ids(searcher, plan: QueryPlan) -> np.ndarray:
    """Document numbers matching any -excluded word or phrase."""
    parts = [clause_query(searcher, clause) for clause in plan.must_not]
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.unique(matching_ids(searcher, wq.Or(parts)))


def without_excluded(searcher, query: wq.Query, plan: QueryPlan) -> wq.Query:
    """The query minus documents matching any -excluded word or phrase."""
    parts = [clause_query(searcher, clause) for clause in plan.must_not]
    return wq.AndNot(query, wq.Or(parts)) if parts else query
