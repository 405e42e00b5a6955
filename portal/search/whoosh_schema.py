"""The Whoosh schema and the conversion of SearchDocuments into index fields."""

from whoosh.analysis import Token, Tokenizer
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from portal.search.analysis import analyse_for_index, analyse_words, decode_stream
from portal.search.documents import SearchDocument
from portal.search.pinyin import pinyin_keys

FACET_FIELDS = ("doc_type", "category", "year", "result", "district")


class StreamTokenizer(Tokenizer):
    """Reads a pre-analysed token stream: positions are ordinals, sub-words share them."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, **kwargs):
        """Yield one token per word and sub-word of the encoded stream."""
        kwargs.pop("removestops", None)
        token = Token(positions, chars, removestops=False, **kwargs)
        start = kwargs.get("start_pos", 0)
        for position, words in enumerate(decode_stream(value)):
            for word in words:
                token.text = word
                token.boost = 1.0
                token.stopped = False
                if positions:
                    token.pos = start + position
                if chars:
                    token.startchar = token.endchar = 0
                yield token


def build_schema() -> Schema:
    """Fields: analysed content and title, pinyin keys, facet columns, a date and the hit."""
    return Schema(
        key=ID(stored=True, unique=True),
        content=TEXT(analyzer=StreamTokenizer(), phrase=True),
        title=TEXT(analyzer=StreamTokenizer(), phrase=False, field_boost=2.0),
        pinyin=KEYWORD(scorable=False),
        doc_type=ID(sortable=True),
        category=ID(sortable=True),
        year=ID(sortable=True),
        result=ID(sortable=True),
        district=ID(sortable=True),
        day=NUMERIC(sortable=True, bits=32, signed=False, shift_step=32),  # no range tiers
        hit=STORED(),
    )


def analysed_fields(doc: SearchDocument) -> dict:
    """The index fields of a document (the costly part: run it in worker processes)."""
    return {
        "key": doc.key,
        "content": analyse_for_index(doc.title, doc.body),
        "title": analyse_words(doc.title),
        "pinyin": " ".join(pinyin_keys(*doc.short_texts)),
        "doc_type": doc.doc_type,
        "category": doc.category_code or "",
        "year": str(doc.year or ""),
        "result": doc.result or "",
        "district": doc.district or "",
        "day": doc.date.toordinal() if doc.date else 0,
        "hit": doc.stored(),
    }
