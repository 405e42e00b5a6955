"""Parse the title and dated history lines that head a regulation text, and infer its rank."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from portal.regulation_parser.numerals import NUMERAL_CHARS

INFO_END = "<!-- INFO END -->"

_TITLE_RE = re.compile(r"^#(?!#)\s*(?P<title>.+?)\s*$")
_DATE_LINE_RE = re.compile(
    r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日(?P<rest>.*)$"
)
_SOURCE_DATE_RE = re.compile(r"[(（](?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[)）]\s*$")
_TRAILING_CLOSE_RE = re.compile(r"[)）]$")
_EMBEDDED_DATE_RE = re.compile(r"(?<=\S)根据(?=\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)")

_PROMULGATION_WORDS = ("通过", "公布", "发布", "批准")
_ISSUE_WORDS = ("通过", "公布", "发布")
_EFFECTIVE_WORD = "施行"
_BOOK_MARKS = str.maketrans({"＜": "〈", "＞": "〉", "<": "〈", ">": "〉"})

_CONGRESS_RE = re.compile(
    rf"^(?P<region>[^第《]*?)第[{NUMERAL_CHARS}]+届"
    r"(?P<body>(?:全国)?人民代表大会(?:常务委员会)?)"
)
_DECREE_RE = re.compile(r"^(?:中华人民共和国)?(?P<body>[^《第]+?)令第(?P<no>[0-9一-龥]+)号")
_PLAIN_ISSUER_RE = re.compile(
    r"^(?:中华人民共和国)?(?P<body>[^《第\s]+?)\s*(?:通过|公布|发布|批准)"
)


@dataclass(frozen=True)
class HistoryLine:
    """One dated line of the header: adoption, amendment, promulgation or entry into force."""

    on: date
    text: str


# --- Splitting the file -----------------------------------------------------------------------


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


def split_header(lines: list[str]) -> tuple[str, list[str], list[str]]:
    """Split the file into title, non-blank header lines and body lines."""
    title_match = _TITLE_RE.match(lines[0]) if lines else None
    if title_match is None:
        raise ValueError("regulation text must start with a '# title' line")
    rest = lines[1:]
    header_end, body_start = _header_end(rest)
    header = [line for line in rest[:header_end] if line.strip()]
    return title_match["title"], header, rest[body_start:]


def version_date(source_name: str, history: list[HistoryLine]) -> date:
    """Version date from the '(YYYY-MM-DD)' in the file name, else the last history date."""
    match = _SOURCE_DATE_RE.search(source_name)
    if match:
        return date(int(match["y"]), int(match["m"]), int(match["d"]))
    if history:
        return history[-1].on
    raise ValueError(f"no version date in source name {source_name!r} nor in the header")


# --- History lines ----------------------------------------------------------------------------


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


def parse_history(lines: list[str]) -> list[HistoryLine]:
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


def promulgation_date(history: list[HistoryLine]) -> date | None:
    """Date of the first adoption, publication or approval line, if any."""
    promulgated = _first_with(history, _PROMULGATION_WORDS)
    return promulgated.on if promulgated else None


def effective_date(history: list[HistoryLine]) -> date | None:
    """Date of the first line saying when the text enters into force (施行), if any."""
    effective = _first_with(history, (_EFFECTIVE_WORD,))
    return effective.on if effective else None


def _issuing_line(history: list[HistoryLine]) -> HistoryLine | None:
    """The line naming the issuer: first adoption/publication, else the first line at all."""
    return _first_with(history, _ISSUE_WORDS) or (history[0] if history else None)


def issuing_body(history: list[HistoryLine]) -> str | None:
    """Issuing body named by the issuing line of the history, if one can be recognised."""
    issuer = _issuing_line(history)
    return normalise_issuing_body(issuer.text) if issuer else None


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


def document_number(history: list[HistoryLine]) -> str | None:
    """Decree number such as 国务院令第440号 from the first line that carries one."""
    for line in history:
        match = _DECREE_RE.match(line.text)
        if match:
            return f"{match['body'].strip()}令第{match['no']}号"
    return None
