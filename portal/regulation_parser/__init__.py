"""A parser for regulation texts in the LawRefBook Markdown layout: pure Python, no Flask."""

from portal.regulation_parser.document import (
    ParsedArticle,
    ParsedRegulation,
    normalise_heading,
    parse_regulation,
    parse_regulation_file,
)
from portal.regulation_parser.header import normalise_issuing_body
from portal.regulation_parser.numerals import chinese_numeral_to_int
from portal.regulation_parser.rank import infer_level

__all__ = [
    "ParsedArticle",
    "ParsedRegulation",
    "chinese_numeral_to_int",
    "infer_level",
    "normalise_heading",
    "normalise_issuing_body",
    "parse_regulation",
    "parse_regulation_file",
]
