"""Parse the Markdown law texts in shared/data/regulations into plain Python objects.

The files follow the LawRefBook layout: a ``# title`` line, optional dated history lines up
to ``<!-- INFO END -->``, then ``## 第X章`` chapters, optional ``### 第X节`` sections and
articles that start with ``第X条`` at the beginning of a paragraph.  Nothing here touches
Flask or the database, so the importer and the tests can share it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

INFO_END = "<!-- INFO END -->"

_DIGITS = {
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_ZEROS = frozenset("零〇")
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NO_UNIT = 10_000  # sentinel "place" before any unit has been read
_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"

_TITLE_RE = re.compile(r"^#(?!#)\s*(?P<title>.+?)\s*$")
_DATE_LINE_RE = re.compile(
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?P<rest>.*)$"
)
_SOURCE_DATE_RE = re.compile(r"[(（](?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[)）]\s*$")
_HEADING_RE = re.compile(r"^(?P<hashes>#{2,6})\s*(?P<text>.*?)\s*$")
_HEADING_NUMBER_RE = re.compile(rf"^(?P<number>第[{_NUMERAL_CHARS}]+[编章节])\s*(?P<name>.*)$")
_ARTICLE_RE = re.compile(
    rf"^(?P<label>第(?P<numeral>[{_NUMERAL_CHARS}]+)条)(?P<sep>\s*)(?P<body>.*)$"
)
_CJK_GAP_RE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
_TRAILING_CLOSE_RE = re.compile(r"[)）]$")
_EMBEDDED_DATE_RE = re.compile(r"(?<=\S)根据(?=\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")

_PROMULGATION_WORDS = ("通过", "公布", "发布", "批准")
_ISSUE_WORDS = ("通过", "公布", "发布")
_EFFECTIVE_WORD = "施行"
_BOOK_MARKS = str.maketrans({"＜": "〈", "＞": "〉", "<": "〈", ">": "〉"})

_CONGRESS_RE = re.compile(
    rf"^(?P<region>[^第《]*?)第[{_NUMERAL_CHARS}]+届"
    r"(?P<body>(?:全国)?人民代表大会(?:常务委员会)?)"
)
_DECREE_RE = re.compile(r"^(?:中华人民共和国)?(?P<body>[^《第]+?)令第(?P<no>[0-9一-龥]+)号")
_PLAIN_ISSUER_RE = re.compile(
    r"^(?:中华人民共和国)?(?P<body>[^《第\s]+?)\s*(?:通过|公布|发布|批准)"
)
_LOCAL_TITLE_RE = re.compile(r"^(?!中华人民共和国)[一-龥]{2,10}?(?:省|市|自治区|自治州).*条例$")
_NATIONAL_LAW_TITLE_RE = re.compile(r"^中华人民共和国.+法$")
_LOCAL_BODY_RE = re.compile(r"^[一-龥]{1,10}?(?:省|市|自治区|自治州)人民代表大会")

LEVEL_LAW = "法律"
LEVEL_ADMINISTRATIVE = "行政法规"
LEVEL_LOCAL = "地方性法规"
LEVEL_DEPARTMENTAL = "部门规章"
LEVEL_NORMATIVE = "规范性文件"


@dataclass(frozen=True)
class HistoryLine:
    """One dated line of the header: adoption, amendment, promulgation or entry into force."""

    on: date
    text: str


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


# --- Chinese numerals -------------------------------------------------------------------------


def chinese_numeral_to_int(text: str) -> int:
    """Convert a Chinese numeral such as 一百零三 or 两 to an int; raise ValueError otherwise."""
    numeral = text.strip()
    if numeral in _ZEROS:
        return 0
    if not numeral or any(ch not in _NUMERAL_CHARS for ch in numeral):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, place, pending, gap = 0, _NO_UNIT, None, False
    for ch in numeral:
        if ch in _ZEROS:
            if pending is not None or place == _NO_UNIT or gap:
                raise ValueError(f"misplaced zero in Chinese numeral: {text!r}")
            gap = True
        elif ch in _DIGITS:
            if pending is not None:
                raise ValueError(f"two digits in a row in Chinese numeral: {text!r}")
            pending = _DIGITS[ch]
        else:
            total += _unit_value(text, total, place, pending, _UNITS[ch], gap)
            place, pending, gap = _UNITS[ch], None, False
    return total + _ones_value(text, place, pending, gap)


def _unit_value(
    text: str, total: int, place: int, pending: int | None, unit: int, gap: bool
) -> int:
    """Value contributed by a unit character (十/百/千) given the digit read before it."""
    if unit >= place:
        raise ValueError(f"units out of order in Chinese numeral: {text!r}")
    if place != _NO_UNIT and gap != (unit * 10 < place):
        raise ValueError(f"zero does not match a skipped place in Chinese numeral: {text!r}")
    if pending is None:
        if total or unit != 10:
            raise ValueError(f"unit without a digit in Chinese numeral: {text!r}")
        pending = 1  # 十二 = 12
    return pending * unit


def _ones_value(text: str, place: int, pending: int | None, gap: bool) -> int:
    """Value of the trailing ones digit, checking that a skipped place was marked by 零."""
    if pending is None:
        if gap:
            raise ValueError(f"trailing zero in Chinese numeral: {text!r}")
        return 0
    if place in (_NO_UNIT, 10) and not gap:
        return pending
    if place >= 100 and gap:
        return pending
    raise ValueError(f"ambiguous ones digit in Chinese numeral: {text!r}")


# --- Header -----------------------------------------------------------------------------------


def _clean_history_text(text: str) -> str:
    """Strip spaces (also U+3000), a closing bracket without an opening one, and unify 〈〉."""
    cleaned = text.strip()
    opened = cleaned.count("（") + cleaned.count("(")
    closed = cleaned.count("）") + cleaned.count(")")
    if closed > opened:
        cleaned = _TRAILING_CLOSE_RE.sub("", cleaned).rstrip()
    return cleaned.translate(_BOOK_MARKS)


def _logical_lines(lines: list[str]) -> list[str]:
    """Join undated header lines onto the dated line they continue (a title split by a break)."""
    joined: list[str] = []
    for line in (raw.strip() for raw in lines):
        if _DATE_LINE_RE.match(line):
            joined.append(line)
        elif joined:
            joined[-1] += line
        else:
            raise ValueError(f"header line without a date: {line!r}")
    return joined


def _parse_history(lines: list[str]) -> list[HistoryLine]:
    """Turn header lines into dated entries, splitting '…修正根据2009年8月27日…' in two."""
    history: list[HistoryLine] = []
    for line in _logical_lines(lines):
        for piece in _EMBEDDED_DATE_RE.split(line):
            match = _DATE_LINE_RE.match(piece.strip())
            if match is None:  # cannot happen: every piece starts with a date
                raise ValueError(f"history entry without a date: {piece!r}")
            on = date(int(match["y"]), int(match["m"]), int(match["d"]))
            history.append(HistoryLine(on=on, text=_clean_history_text(match["rest"])))
    return history


def _first_with(history: list[HistoryLine], words: tuple[str, ...]) -> HistoryLine | None:
    """First history line whose text contains one of the given words."""
    return next((line for line in history if any(word in line.text for word in words)), None)


def _issuing_line(history: list[HistoryLine]) -> HistoryLine | None:
    """The line naming the issuer: first adoption/publication, else the first line at all."""
    return _first_with(history, _ISSUE_WORDS) or (history[0] if history else None)


def normalise_issuing_body(text: str) -> str | None:
    """Reduce a history line such as 第七届全国人民代表大会常务委员会…通过 to its issuing body."""
    text = text.strip()
    congress = _CONGRESS_RE.match(text)
    if congress:
        return congress["region"].strip() + congress["body"]
    for pattern in (_DECREE_RE, _PLAIN_ISSUER_RE):
        match = pattern.match(text)
        if match:
            return match["body"].strip()
    return None


def _document_number(history: list[HistoryLine]) -> str | None:
    """Decree number such as 国务院令第440号 from the first line that carries one."""
    for line in history:
        match = _DECREE_RE.match(line.text)
        if match:
            return f"{match['body'].strip()}令第{match['no']}号"
    return None


def _header_end(rest: list[str]) -> tuple[int, int]:
    """Index range end of the header and start of the body in the lines after the title."""
    for i, line in enumerate(rest):
        if line.strip() == INFO_END:
            return i, i + 1
    # No marker: the header is the run of blank and dated lines right after the title.
    end = 0
    while end < len(rest) and (not rest[end].strip() or _DATE_LINE_RE.match(rest[end].strip())):
        end += 1
    return end, end


def _split_header(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """Split the file into title, non-blank header lines and body lines."""
    title_match = _TITLE_RE.match(lines[0]) if lines else None
    if title_match is None:
        raise ValueError("regulation text must start with a '# title' line")
    rest = lines[1:]
    header_end, body_start = _header_end(rest)
    header = [line for line in rest[:header_end] if line.strip()]
    return title_match["title"], header, rest[body_start:]


def _version_date(source_name: str, history: list[HistoryLine]) -> date:
    """Version date from the '(YYYY-MM-DD)' in the file name, else the last history date."""
    match = _SOURCE_DATE_RE.search(source_name)
    if match:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    if history:
        return history[-1].on
    raise ValueError(f"no version date in source name {source_name!r} nor in the header")


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
    title, header, body = _split_header(lines)
    history = _parse_history(header)
    promulgated = _first_with(history, _PROMULGATION_WORDS)
    effective = _first_with(history, (_EFFECTIVE_WORD,))
    issuer = _issuing_line(history)
    state = _parse_body(body)
    return ParsedRegulation(
        title=title,
        source_name=source_name,
        version_on=_version_date(source_name, history),
        history=history,
        promulgated_on=promulgated.on if promulgated else None,
        effective_on=effective.on if effective else None,
        issuing_body=normalise_issuing_body(issuer.text) if issuer else None,
        chapters=state.chapters,
        articles=state.articles,
        document_number=_document_number(history),
    )


def parse_regulation_file(path: Path) -> ParsedRegulation:
    """Read and parse one regulation Markdown file (UTF-8)."""
    return parse_regulation(path.read_text(encoding="utf-8"), path.stem)


def infer_level(parsed: ParsedRegulation) -> str:
    """Guess the legal rank (法律, 行政法规, 地方性法规, 部门规章, 规范性文件)."""
    body = parsed.issuing_body or ""
    title = parsed.title
    if "全国人民代表大会" in body or (not body and _NATIONAL_LAW_TITLE_RE.match(title)):
        return LEVEL_LAW
    if _LOCAL_BODY_RE.match(body) or (not body and _LOCAL_TITLE_RE.match(title)):
        return LEVEL_LOCAL
    if body == "国务院" or any("国务院令" in line.text for line in parsed.history):
        return LEVEL_ADMINISTRATIVE
    if parsed.document_number:  # a ministry decree (…总局令第43号)
        return LEVEL_DEPARTMENTAL
    if body and title.endswith(("办法", "规定", "规则", "细则")):
        return LEVEL_DEPARTMENTAL
    return LEVEL_NORMATIVE
