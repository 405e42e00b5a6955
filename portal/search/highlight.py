"""Snippets: a window of the stored text around the first match, matches wrapped in <mark>."""

import unicodedata

from markupsafe import Markup, escape

from portal.search.analysis import normalise

WIDTH = 110
LEAD = 30


def folded_with_offsets(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each folded character, its offset in the original text."""
    if unicodedata.is_normalized("NFKC", text):  # the usual case: fold the text at once
        lowered = text.lower()
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
    """Escaped text around the first match, with <mark> around each match in the window."""
    text = " ".join((text or "").split())
    if not text:
        return Markup("")
    folded, offsets = folded_with_offsets(text)
    spans = match_spans(folded, offsets, terms) if terms else []
    begin = max(0, spans[0][0] - LEAD) if spans else 0
    end = min(len(text), begin + width)
    parts, cursor = ["…" if begin else ""], begin
    for start, stop in spans:
        if start < begin or stop > end:
            continue
        parts += [escape(text[cursor:start]), Markup("<mark>"), escape(text[start:stop])]
        parts.append(Markup("</mark>"))
        cursor = stop
    parts += [escape(text[cursor:end]), "…" if end < len(text) else ""]
    return Markup("").join(parts)
