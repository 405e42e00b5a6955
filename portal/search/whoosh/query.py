"""Turn a query plan into document masks (numpy) and Whoosh queries for scoring.

Matching is done on masks: each term's documents come from the posting cache, words and
exclusions are ANDed, ORed and negated in numpy, so a common word costs the same as a rare one.
Whoosh's own matchers are used for what needs positions or term expansion (phrases, pinyin
prefixes) and for BM25 scoring of small result sets.
"""

import numpy as np
from whoosh import query as wq

from portal.search import ranking
from portal.search.analysis import CJK_ONLY
from portal.search.querying import Clause, QueryPlan
from portal.search.whoosh.postings import PostingCache


class Masks:
    """Evaluates a query plan into masks over the searcher's documents (True = matches)."""

    def __init__(self, searcher, cache: PostingCache):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.cache = cache
        self.size = self.reader.doc_count_all()

    def term(self, field: str, text: str) -> np.ndarray:
        """Documents holding a term of a field."""
        return self.cache.mask(self.reader, field, text)

    def token(self, token: str) -> np.ndarray:
        """A term of the content field; an unknown long word falls back to its bigrams."""
        if is_plain_term(self.searcher, token):
            return self.term("content", token)
        return self.all_of([token[i : i + 2] for i in range(len(token) - 1)], plain=True)

    def all_of(self, tokens: list[str], plain: bool = False) -> np.ndarray:
        """Documents holding every token (plain: no bigram fallback)."""
        mask = None
        for token in tokens:
            found = self.term("content", token) if plain else self.token(token)
            mask = found if mask is None else np.logical_and(mask, found, out=mask)
            if not mask.any():
                break
        return mask if mask is not None else np.zeros(self.size, dtype=bool)

    def clause(self, clause: Clause) -> np.ndarray:
        """A word (all its tokens), a phrase (tokens in order), or a pinyin alternative."""
        if clause.is_phrase and len(clause.tokens) > 1:
            return self.phrase(clause.tokens)
        mask = self.all_of(clause.tokens)
        for tokens in clause.alternatives:
            if tokens:
                mask |= self.all_of(tokens)
        if clause.pinyin:
            mask |= self.whoosh(wq.Prefix("pinyin", clause.pinyin))
        return mask

    def phrase(self, tokens: list[str]) -> np.ndarray:
        """Documents with the tokens in order: positions are checked by Whoosh only when
        some document holds them all."""
        candidates = self.all_of(tokens, plain=True)
        if not candidates.any():
            return candidates
        return candidates & self.whoosh(wq.Phrase("content", tokens))

    def whoosh(self, query: wq.Query) -> np.ndarray:
        """Documents matching a Whoosh query."""
        mask = np.zeros(self.size, dtype=bool)
        mask[matching_ids(self.searcher, query)] = True
        return mask

    def required(self, plan: QueryPlan) -> np.ndarray | None:
        """Documents matching every required clause, or None when there are none."""
        return self.combined(plan.must, np.logical_and)

    def excluded(self, plan: QueryPlan) -> np.ndarray | None:
        """Documents matching any -excluded clause, or None when there are none."""
        return self.combined(plan.must_not, np.logical_or)

    def combined(self, clauses, combine) -> np.ndarray | None:
        """The clauses' masks folded with a numpy operator, or None when there are none."""
        mask = None
        for clause in clauses:
            found = self.clause(clause)
            mask = found if mask is None else combine(mask, found, out=mask)
        return mask

    def titles(self, plan: QueryPlan) -> np.ndarray:
        """Documents whose title holds any query token."""
        mask = np.zeros(self.size, dtype=bool)
        for token in {token for clause in plan.must for token in clause.all_tokens}:
            mask |= self.term("title", token)
        return mask


def is_plain_term(searcher, token: str) -> bool:
    """True when a token is searched as itself (known, not Chinese, or short)."""
    return bool(
        searcher.doc_frequency("content", token) or not CJK_ONLY.match(token) or len(token) < 3
    )


def token_query(searcher, token: str) -> wq.Query:
    """A term of the content field; an unknown long word falls back to its bigrams."""
    if is_plain_term(searcher, token):
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


def matching_ids(searcher, query: wq.Query | None) -> np.ndarray:
    """Sorted global document numbers matching the query (deleted documents excluded)."""
    if query is None:
        return np.zeros(0, dtype=np.int64)
    matcher = query.matcher(searcher)
    return np.fromiter(matcher.all_ids(), dtype=np.int64)
