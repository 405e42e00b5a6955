"""Parse what a citizen types into a backend-neutral query plan."""

import re
from dataclasses import dataclass, field

from portal.errors import InvalidInputError
from portal.search.analysis import normalise, query_tokens
from portal.search.pinyin import is_pinyin_run, looks_like_pinyin

# Bounds on what one query may ask of the engine: each clause is a posting-list walk.
MAX_CLAUSES = 10
MAX_EXCLUSIONS = 5

FIELD_ALIASES = {
    "type": "type",
    "类型": "type",
    "category": "category",
    "品类": "category",
    "类别": "category",
    "year": "year",
    "年份": "year",
    "result": "result",
    "结果": "result",
    "district": "district",
    "区": "district",
}
TYPE_ALIASES = {
    "公告": "announcement",
    "抽查公告": "announcement",
    "批次": "batch",
    "召回": "recall",
    "法规": "article",
    "条文": "article",
    "企业": "enterprise",
}
ASCII_WORD = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]*$")
PART = re.compile(r'(-?)(?:(\w+)[:：])?(?:"([^"]*)"?|“([^”]*)”?|(\S+))')


@dataclass
class Clause:
    """A word (its tokens, all required) or a phrase (its tokens, in order)."""

    tokens: list[str]
    is_phrase: bool = False
    pinyin: str | None = None
    alternatives: list[list[str]] = field(default_factory=list)  # any of them matches too
    synonym: tuple[str, list[str]] | None = None  # (typed word, catalogue words) applied

    @property
    def all_tokens(self) -> list[str]:
        """The tokens and the tokens of every alternative."""
        return [*self.tokens, *(token for tokens in self.alternatives for token in tokens)]


@dataclass
class QueryPlan:
    """Required clauses, excluded clauses and field filters found in the query box."""

    must: list[Clause] = field(default_factory=list)
    must_not: list[Clause] = field(default_factory=list)
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def highlight_terms(self) -> list[str]:
        """Tokens to mark in snippets, longest first."""
        terms = {token for clause in self.must for token in clause.all_tokens}
        return sorted(terms, key=len, reverse=True)

    @property
    def cache_key(self) -> list:
        """What decides the result: the tokens and filters, not the typed punctuation."""
        clauses = [[c.tokens, c.is_phrase, c.pinyin, c.alternatives] for c in self.must]
        return [clauses, [[c.tokens, c.is_phrase] for c in self.must_not]]

    @property
    def has_words(self) -> bool:
        """True when the query holds words to match (not only filters)."""
        return bool(self.must)


def parse_query(text: str) -> QueryPlan:
    """Split the box into words, "phrases", -exclusions and field:value filters."""
    plan = QueryPlan()
    ascii_run: list[str] = []
    for match in PART.finditer(normalise_quotes(text or "")):
        negated, name, quoted, curly, plain = match.groups()
        value = quoted if quoted is not None else curly if curly is not None else plain
        if not negated and not name and plain and ASCII_WORD.match(plain):
            ascii_run.append(plain)  # pinyin or code typed in pieces: joined below
            continue
        plan.must.extend(ascii_clauses(ascii_run))
        ascii_run = []
        if name and name.lower() in FIELD_ALIASES and value:
            plan.filters[FIELD_ALIASES[name.lower()]] = filter_value(name.lower(), value)
            continue
        if name:
            value = f"{name} {value}"
        clause = make_clause(value, is_phrase=quoted is not None or curly is not None)
        if clause:
            (plan.must_not if negated else plan.must).append(clause)
    plan.must.extend(ascii_clauses(ascii_run))
    check_bounds(plan)
    return plan


def ascii_clauses(words: list[str]) -> list[Clause]:
    """Clauses of consecutive Latin words: pinyin with or without spaces is one pinyin word; a
    code typed with spaces also matches as one code; other words stay apart."""
    if len(words) > 1:
        joined = "".join(words).lower()
        if joined.isalpha() and is_pinyin_run(joined):
            return [clause for clause in [make_clause(joined, False)] if clause]
        if any(char.isdigit() for char in joined):
            whole = make_clause(joined.replace("-", ""), False)
            parts = [make_clause(word, False) for word in words]
            if whole:
                whole.alternatives = [[t for part in parts if part for t in part.tokens]]
                return [whole]
    return [clause for clause in (make_clause(word, False) for word in words) if clause]


def check_bounds(plan: QueryPlan) -> None:
    """Refuse a query with more words or exclusions than a person types."""
    if len(plan.must_not) > MAX_EXCLUSIONS:
        message = f"排除词太多：最多 {MAX_EXCLUSIONS} 个（-词）。"
        raise InvalidInputError(message, errors={"q": [message]})
    if len(plan.must) + len(plan.must_not) > MAX_CLAUSES:
        message = f"搜索词太多：最多 {MAX_CLAUSES} 个词或短语。"
        raise InvalidInputError(message, errors={"q": [message]})


def normalise_quotes(text: str) -> str:
    """Fold full-width quotes and colons so both input methods work."""
    return text.replace("＂", '"').replace("＂", '"').replace("－", "-")


def filter_value(name: str, value: str) -> str:
    """Normalise a field filter's value (type aliases, folded text)."""
    value = normalise(value).strip()
    if FIELD_ALIASES[name] == "type":
        return TYPE_ALIASES.get(value, value)
    return value


def make_clause(text: str, is_phrase: bool) -> Clause | None:
    """A clause from one word or phrase, or None when nothing searchable remains."""
    tokens = query_tokens(text)
    if not tokens:
        return None
    folded = normalise(text).strip()
    pinyin = folded if not is_phrase and looks_like_pinyin(folded) else None
    return Clause(tokens=tokens, is_phrase=is_phrase or False, pinyin=pinyin)


def cleaned_query(text: str | None) -> str:
    """The query as shown back to the user: trimmed, inner whitespace collapsed."""
    return " ".join((text or "").split())
