"""Snippets: a window of the stored text around the first match, matches wrapped in <mark>."""

import unicodedata

from markupsafe import Markup, escape

from portal.search.analysis import normalise

WIDTH = 110
LEAD = 30
SENTENCE_ENDS = "。；;！？!?"
PAUSES = "，,、：: "


def folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, its offset in the original text."""
    folded = unicodedata.normalize("NFKC", text)
    if len(folded) == len(text):  # the usual case (（上海） too): fold the text at once
        lowered = folded.lower()
        if len(lowered) == len(text):
            converted = normalise(lowered)
            return (converted if len(converted) == len(text) else lowered), list(range(len(text)))
    return folded_char_by_char(text)


def folded_char_by_char(text: str) -> tuple[str, list[int]]:
    """folded_with_offsets for any text: each character folded on its own."""
    chars, offsets = [], []
    for index, char in enumerate(text):
        folded = unicodedata.normalize("NFKC", char).lower()
        chars.append(folded)
        offsets.extend([index] * len(folded))
    joined = "".join(chars)
    converted = normalise(joined)
    if len(converted) == len(joined):
        joined = converted
    return joined, offsets


def match_spans(folded: str, offsets: list[int], terms: list[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of the original text where terms occur."""
    spans = []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            spans.append((offsets[start], offsets[start + len(term) - 1] + 1))
            start = folded.find(term, start + len(term))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str | None, terms: list[str], width: int = WIDTH) -> Markup:
    """Escaped text around the first match, cut at sentence or word boundaries (never inside a
    number or code), with <mark> around each match in the window."""
    text = " ".join((text or "").split())
    if not text:
        return Markup("")
    folded, offsets = folded_with_offsets(text)
    spans = match_spans(folded, offsets, terms) if terms else []
    begin = window_start(text, spans[0][0]) if spans else 0
    end = window_end(text, begin, width)
    parts, cursor = ["…" if begin else ""], begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        parts += [escape(text[cursor:start]), Markup("<mark>"), escape(text[start:stop])]
        parts.append(Markup("</mark>"))
        cursor = stop
    parts += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return Markup("").join(parts)


def window_start(text: str, match: int) -> int:
    """Where a snippet showing the match begins: its sentence's start when near, else the word
    boundary after a LEAD-character lead (moved back to the start of a number or code)."""
    if match <= LEAD:
        return 0
    sentence = max(text.rfind(mark, 0, match) for mark in SENTENCE_ENDS) + 1
    if sentence and match - sentence <= 2 * LEAD:
        return sentence
    begin = match - LEAD
    pause = min((i for i in (text.find(m, begin, match) for m in PAUSES) if i != -1), default=-1)
    if pause != -1:
        return pause + 1
    while begin > 0 and is_code_char(text[begin - 1]) and is_code_char(text[begin]):
        begin -= 1
    return begin


def window_end(text: str, begin: int, width: int) -> int:
    """Where a snippet ends: a sentence end in its last third, else not inside a number."""
    end = min(len(text), begin + width)
    if end == len(text):
        return end
    sentence = max(text.rfind(mark, begin + width * 2 // 3, end) for mark in SENTENCE_ENDS)
    if sentence != -1:
        return sentence + 1
    while end > begin + 1 and is_code_char(text[end - 1]) and is_code_char(text[end]):
        end -= 1
    return end


def is_code_char(char: str) -> bool:
    """A character of a number, code or Latin word (a snippet never cuts between two)."""
    return char.isascii() and (char.isalnum() or char in ".-")


def marked(text: str | None, terms: list[str]) -> Markup:
    """A short text escaped whole, with <mark> around each match."""
    text = text or ""
    if not text or not terms:
        return escape(text)
    folded, offsets = folded_with_offsets(text)
    parts, cursor = [], 0
    for start, stop in match_spans(folded, offsets, terms):
        parts += [escape(text[cursor:start]), Markup("<mark>"), escape(text[start:stop])]
        parts.append(Markup("</mark>"))
        cursor = stop
    parts.append(escape(text[cursor:]))
    return Markup("").join(parts)
