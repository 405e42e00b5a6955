"""What a query means before any engine sees it: article references, synonyms, corrections.

Shared by both backends: the backends only ever receive a QueryPlan.
"""

from dataclasses import dataclass, field

from portal.models import Article
from portal.search import articles, bestbets, spelling, synonyms
from portal.search.analysis import CJK_ONLY
from portal.search.querying import QueryPlan, parse_query
from portal.search.vocabulary import user_words

MIN_ALWAYS_CORRECTED = 3  # shorter words have too many same-sounding real words


@dataclass
class Understanding:
    """The plan to search and what was understood on the way."""

    text: str
    plan: QueryPlan
    synonyms: list[tuple[str, list[str]]] = field(default_factory=list)
    article: Article | None = None


def understand(text: str) -> Understanding:
    """Parse a query: an article reference becomes its label; synonyms become alternatives."""
    article = None
    reference = articles.parse_reference(text)
    if reference is not None:
        article = articles.find_article(reference)
        text = f"{reference.name} {reference.label}".strip()
    plan = parse_query(text)
    applied = synonyms.expand(plan)
    return Understanding(text=text, plan=plan, synonyms=applied, article=article)


def known_words() -> spelling.Vocabulary:
    """The vocabulary typos are corrected to: catalogue, regulation terms and synonyms."""
    names = bestbets.category_names()
    words = list(user_words())
    words += [word for group in synonyms.groups() for word in group]
    words += list(names)
    preferred = frozenset(name for _code, name in names.values())
    return spelling.vocabulary(tuple(dict.fromkeys(words)), preferred)


def suggestion(plan: QueryPlan, few_hits: bool) -> str | None:
    """The query with its misspelt words corrected by sound or pinyin, or None.

    Words of three or more characters that sound exactly like a known word are corrected
    always; shorter words and pinyin only when the query found (almost) nothing."""
    vocab = known_words()
    parts, changed = [], False
    for clause in plan.must:
        word = "".join(clause.tokens)
        if clause.is_phrase:
            parts.append(f'"{word}"')
            continue
        fixed = None
        if clause.pinyin and few_hits:
            fixed = spelling.correct_pinyin(clause.pinyin, vocab)
        elif CJK_ONLY.match(word) and (few_hits or len(word) >= MIN_ALWAYS_CORRECTED):
            fixed = spelling.correct_word(word, vocab)
        changed = changed or bool(fixed)
        parts.append(fixed or word)
    return " ".join(parts) if changed else None


def best_bets(understanding: Understanding, typed: str) -> list[bestbets.BestBet]:
    """The pages the query names: an article, a category or product, an enterprise."""
    if understanding.article is not None:
        return [bestbets.article_bet(understanding.article)]
    plan = understanding.plan
    if len(plan.must) != 1 or plan.must_not or plan.must[0].is_phrase:
        return []
    clause = plan.must[0]
    words = ["".join(clause.tokens)]
    if clause.synonym and clause.synonym[0] == words[0]:
        words += clause.synonym[1]
    found = bestbets.find_category(words, clause.pinyin)
    if found is None:
        found = bestbets.find_enterprise(typed.strip())
    return [found] if found else []
