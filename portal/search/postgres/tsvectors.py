"""Our analysed tokens as PostgreSQL tsvector and tsquery literals (bound as parameters)."""

from portal.models.search import UNDATED
from portal.search.analysis import index_positions
from portal.search.documents import SearchDocument
from portal.search.pinyin import pinyin_keys
from portal.search.querying import Clause

MAX_POSITION = 16383  # PostgreSQL's largest tsvector position
# Weight labels by (in title, is a sub-word): ts_rank weighs A 1.0, B 0.4, C 0.2, D 0.1, so a
# sub-word (质量 inside 产品质量) counts half a whole word, as in the Whoosh index.
WEIGHTS = {True: ("A", "B"), False: ("C", "D")}


def lexeme(word: str) -> str:
    """A quoted lexeme: single quotes and backslashes doubled."""
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(title: str, body: str) -> str:
    """Title and body positions (title weighted higher, sub-words lower), sub-words sharing
    their word's position."""
    title_positions = index_positions(title)
    body_positions = index_positions(body)
    entries: dict[str, list[str]] = {}
    for index, words in enumerate(title_positions + body_positions, start=1):
        in_title = index <= len(title_positions)
        for rank, word in enumerate(words):
            weight = WEIGHTS[in_title][rank > 0]
            entries.setdefault(word, []).append(f"{min(index, MAX_POSITION)}{weight}")
    return " ".join(f"{lexeme(word)}:{','.join(spots[:256])}" for word, spots in entries.items())


def pinyin_literal(doc: SearchDocument) -> str:
    """The pinyin keys of a document's short texts."""
    return " ".join(lexeme(key) for key in pinyin_keys(*doc.short_texts))


def clause_tsquery(clause: Clause) -> str:
    """A word (tokens AND-ed) or a phrase (tokens followed by each other), or an alternative."""
    joiner = " <-> " if clause.is_phrase else " & "
    options = ["(" + joiner.join(lexeme(token) for token in clause.tokens) + ")"]
    for tokens in clause.alternatives:
        if tokens:
            options.append("(" + " & ".join(lexeme(token) for token in tokens) + ")")
    return options[0] if len(options) == 1 else "(" + " | ".join(options) + ")"


def phrase_tsqueries(plan) -> list[str]:
    """Each multi-token word (and alternative) as a phrase: ranks exact sequences higher."""
    found = []
    for clause in plan.must:
        for tokens in [clause.tokens, *clause.alternatives]:
            if len(tokens) > 1 and not clause.is_phrase:
                found.append("(" + " <-> ".join(lexeme(token) for token in tokens) + ")")
    return found


def pinyin_tsquery(clause: Clause) -> str:
    """Prefix match of a pinyin word."""
    return f"{lexeme(clause.pinyin)}:*"


def record_values(doc: SearchDocument) -> dict:
    """Column values of a search_documents row."""
    return {
        "key": doc.key,
        "doc_type": doc.doc_type,
        "record_id": doc.record_id,
        "title": doc.title,
        "body": doc.body,
        "url": doc.url,
        "day": doc.date,
        "sort_day": doc.date or UNDATED,
        "year": doc.year,
        "category_code": doc.category_code,
        "category_name": doc.category_name,
        "result": doc.result,
        "district": doc.district,
        "enterprise_name": doc.enterprise_name,
        "is_demo": doc.is_demo,
        "level": doc.level,
        "tokens": tsvector_literal(doc.title, doc.body),
        "pinyin": pinyin_literal(doc),
    }
