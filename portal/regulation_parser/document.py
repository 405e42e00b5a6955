"""Parse a Markdown law text into plain Python objects: title, history, chapters, articles."""

# The files follow the LawRefBook layout: a ``# title`` line, optional dated history lines up
# to ``<!-- INFO END -->``, then ``## 第X章`` chapters, optional ``### 第X节`` sections and
# articles that start with ``第X条`` at the beginning of a paragraph.  Nothing here touches
# Flask or the database, so the importer and the tests can share it.  The header is parsed in
# header.py and the numerals in numerals.py; their public names are re-exported.

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from portal.regulation_parser.header import (
    INFO_END,
    HistoryLine,
    document_number,
    effective_date,
    issuing_body,
    normalise_issuing_body,
    parse_history,
    promulgation_date,
    split_header,
    version_date,
)
from portal.regulation_parser.numerals import NUMERAL_CHARS, chinese_numeral_to_int

__all__ = [
    "INFO_END",
    "HistoryLine",
    "ParsedArticle",
    "ParsedRegulation",
    "chinese_numeral_to_int",
    "normalise_heading",
    "normalise_issuing_body",
    "parse_regulation",
    "parse_regulation_file",
]

_HEADING_RE = re.compile(r"^(?P<hashes>#{2,6})\s*(?P<text>.*?)\s*$")
_HEADING_NUMBER_RE = re.compile(rf"^(?P<number>第[{NUMERAL_CHARS}]+[编章节])\s*(?P<name>.*)$")
_ARTICLE_RE = re.compile(
    rf"^(?P<label>第(?P<numeral>[{NUMERAL_CHARS}]+)条)(?P<sep>\s*)(?P<body>.*)$"
)
_CJK_GAP_RE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


@dataclass(frozen=True)
class ParsedArticle:
    """One article (第X条) with the chapter and section it belongs to."""

    number: int
    label: str
    chapter: str | None
    section: str | None
    text: str


@dataclass(frozen=True)
class ParsedRegulation:
    """A whole regulation file: header metadata plus its articles in order."""

    title: str
    source_name: str
    version_on: date
    history: list[HistoryLine]
    promulgated_on: date | None
    effective_on: date | None
    issuing_body: str | None
    chapters: list[str]
    articles: list[ParsedArticle]
    document_number: str | None = field(default=None)


# --- Body -------------------------------------------------------------------------------------


def normalise_heading(text: str) -> str:
    """Normalise '第一章　总 则' to '第一章 总则': one plain space, no spacing inside the name."""
    compact = _CJK_GAP_RE.sub("", text.strip())
    match = _HEADING_NUMBER_RE.match(compact)
    if not match:
        return compact
    name = match["name"].strip()
    return f"{match['number']} {name}" if name else match["number"]


@dataclass
class _BodyState:
    """Mutable cursor used while walking the body paragraphs."""

    chapter: str | None = None
    section: str | None = None
    chapters: list[str] = field(default_factory=list)
    articles: list[ParsedArticle] = field(default_factory=list)
    label: str | None = None
    number: int = 0
    paragraphs: list[str] = field(default_factory=list)

    def flush(self) -> None:
        """Close the article being collected, if any."""
        if self.label is not None:
            self.articles.append(
                ParsedArticle(
                    number=self.number,
                    label=self.label,
                    chapter=self.chapter,
                    section=self.section,
                    text="\n".join(self.paragraphs),
                )
            )
        self.label, self.paragraphs = None, []


def _handle_heading(state: _BodyState, hashes: str, text: str) -> None:
    """Start a new chapter (##) or section (### and deeper)."""
    state.flush()
    heading = normalise_heading(text)
    if len(hashes) == 2:
        state.chapter, state.section = heading, None
        state.chapters.append(heading)
    else:
        state.section = heading


def _article_start(state: _BodyState, paragraph: str) -> tuple[str, int, str] | None:
    """Return (label, number, first paragraph) if the paragraph opens a new article."""
    match = _ARTICLE_RE.match(paragraph)
    if not match:
        return None
    number = chinese_numeral_to_int(match["numeral"])
    # Without a separator, "第十条规定的…" may be a cross-reference starting a paragraph:
    # only accept it when it is the next expected number.
    if not match["sep"] and number != state.number + 1:
        return None
    return match["label"], number, match["body"].strip()


def _handle_paragraph(state: _BodyState, paragraph: str) -> None:
    """Open a new article or append a paragraph to the current one."""
    start = _article_start(state, paragraph)
    if start is not None:
        state.flush()
        label, number, first = start
        if number <= state.number:
            raise ValueError(f"article number {label} does not increase (after {state.number})")
        state.label, state.number = label, number
        state.paragraphs = [first] if first else []
    elif state.label is not None:
        state.paragraphs.append(paragraph)
    else:
        raise ValueError(f"paragraph outside any article: {paragraph[:40]!r}")


def _parse_body(lines: list[str]) -> _BodyState:
    """Walk the body lines and collect chapters and articles."""
    state = _BodyState()
    for line in lines:
        paragraph = line.strip()
        if not paragraph:
            continue
        heading = _HEADING_RE.match(paragraph)
        if heading:
            _handle_heading(state, heading["hashes"], heading["text"])
        else:
            _handle_paragraph(state, paragraph)
    state.flush()
    return state


# --- Public entry points ----------------------------------------------------------------------


def parse_regulation(text: str, source_name: str) -> ParsedRegulation:
    """Parse the Markdown text of one regulation; source_name is the file stem."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    title, header, body = split_header(lines)
    history = parse_history(header)
    state = _parse_body(body)
    return ParsedRegulation(
        title=title,
        source_name=source_name,
        version_on=version_date(source_name, history),
        history=history,
        promulgated_on=promulgation_date(history),
        effective_on=effective_date(history),
        issuing_body=issuing_body(history),
        chapters=state.chapters,
        articles=state.articles,
        document_number=document_number(history),
    )


def parse_regulation_file(path: Path) -> ParsedRegulation:
    """Read and parse one regulation Markdown file (UTF-8)."""
    return parse_regulation(path.read_text(encoding="utf-8"), path.stem)
