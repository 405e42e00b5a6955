"""The Whoosh schema and the conversion of SearchDocuments into index fields."""

from collections import defaultdict
from collections.abc import Callable
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer
from whoosh.columns import NumericColumn, RefBytesColumn
from whoosh.fields import COLUMN, ID, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.system import pack_uint

from portal.search.analysis import index_positions, word_positions
from portal.search.documents import SearchDocument
from portal.search.pinyin import pinyin_keys

FACET_FIELDS = ("doc_type", "category", "year", "result", "district", "level")
POSITIONS = Positions()
SUBWORD_WEIGHT = 0.5  # a sub-word (质量 inside 产品质量) counts half a whole word


class PositionsTokenizer(Tokenizer):
    """Whoosh tokens of our analysis of a tuple of texts: sub-words share their word's position."""

    def __init__(self, positions: Callable[..., list[list[str]]]):
        self.positions = positions

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, **kwargs):
        """Yield one token per word and sub-word."""
        kwargs.pop("removestops", None)
        token = Token(positions, chars, removestops=False, **kwargs)
        start = kwargs.get("start_pos", 0)
        for position, words in enumerate(self.positions(*value)):
            for rank, word in enumerate(words):
                token.text = word
                token.boost = 1.0 if rank == 0 else SUBWORD_WEIGHT
                token.stopped = False
                if positions:
                    token.pos = start + position
                if chars:
                    token.startchar = token.endchar = 0
                yield token


class AnalysedText(TEXT):
    """A TEXT field given a tuple of raw texts, analysed inside Whoosh's writer processes.

    index() gives what TEXT.index gives with PositionsTokenizer, without Token objects.
    """

    def __init__(self, positions: Callable[..., list[list[str]]], scorable=True, **options):
        super().__init__(analyzer=PositionsTokenizer(positions), **options)
        self.positions = positions
        self.scorable = scorable

    def index(self, value, **kwargs):
        """(word bytes, frequency, weight, encoded value) per word."""
        places = defaultdict(list)
        weights: dict[str, float] = defaultdict(float)
        for position, words in enumerate(self.positions(*value)):
            for rank, word in enumerate(words):
                places[word].append(position)
                weights[word] += 1.0 if rank == 0 else SUBWORD_WEIGHT
        boost = self.format.field_boost
        encode = encoded_positions if isinstance(self.format, Positions) else None
        for word, spots in places.items():
            frequency = len(spots)
            encoded = encode(tuple(spots)) if encode else pack_uint(frequency)
            yield word.encode("utf-8"), frequency, weights[word] * boost, encoded


@lru_cache(maxsize=100_000)
def encoded_positions(spots: tuple[int, ...]) -> bytes:
    """Whoosh's Positions encoding of a position list (most lists are short and repeat)."""
    return POSITIONS.encode(spots)


def pinyin_positions(*texts: str | None) -> list[list[str]]:
    """Each pinyin key of the texts as a position of its own."""
    return [[key] for key in pinyin_keys(*texts)]


class FacetColumn(COLUMN):
    """A per-document text value kept only as a column (facets are counted in numpy)."""

    def __init__(self):
        super().__init__(RefBytesColumn())

    def to_bytes(self, v):
        """Column bytes of a text value."""
        return v.encode("utf-8")

    def from_bytes(self, b):
        """The text value of column bytes."""
        return b.decode("utf-8")


class DayColumn(COLUMN):
    """The document's date as a day ordinal column (0 when undated)."""

    def __init__(self):
        super().__init__(NumericColumn("I", default=0))

    def to_bytes(self, v):
        """Days are stored as numbers."""
        return v

    def from_bytes(self, b):
        """Days are read as numbers."""
        return b


def build_schema() -> Schema:
    """Fields: analysed content and title, pinyin keys, facet columns, a date and the hit."""
    return Schema(
        key=ID(stored=True, unique=True),
        content=AnalysedText(index_positions, phrase=True),
        title=AnalysedText(word_positions, phrase=False, field_boost=2.0),
        pinyin=AnalysedText(pinyin_positions, phrase=False, scorable=False),
        doc_type=FacetColumn(),
        category=FacetColumn(),
        year=FacetColumn(),
        result=FacetColumn(),
        district=FacetColumn(),
        level=FacetColumn(),
        day=DayColumn(),
        hit=STORED(),
    )


def index_fields(doc: SearchDocument) -> dict:
    """The index fields of a document; the text fields are analysed by the writer."""
    return {
        "key": doc.key,
        "content": (doc.title, doc.body),
        "title": (doc.title,),
        "pinyin": tuple(doc.short_texts),
        "doc_type": doc.doc_type,
        "category": doc.category_code or "",
        "year": str(doc.year or ""),
        "result": doc.result or "",
        "district": doc.district or "",
        "level": doc.level or "",
        "day": doc.date.toordinal() if doc.date else 0,
        "hit": doc.stored(),
    }
