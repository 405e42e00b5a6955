"""Codes people copy from labels and reports: batch, report, model and credit codes.

jieba cuts `b240130-09` into b240130 / - / 09. We join such runs into one code token, written
without its hyphens (so `B240130-09`, `B24013009` and `b240130 09` meet), and index its parts
(the hyphen-separated pieces and the letter and digit runs) at the same position, so `240130`
finds the code too.
"""

import re

ALNUM = re.compile(r"^[0-9a-z]+$")
RUNS = re.compile(r"[0-9]+|[a-z]+")
HAS_DIGIT = re.compile(r"[0-9]")
MIN_PART = 2


def join_codes(tokens: list[str]) -> list[str]:
    """jieba tokens with `alnum - alnum [- alnum ...]` runs joined into one hyphenated token."""
    joined: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if ALNUM.match(token):
            end = index
            while end + 2 < len(tokens) and tokens[end + 1] == "-" and ALNUM.match(tokens[end + 2]):
                end += 2
            if end > index:
                token = "".join(tokens[index : end + 1])
                index = end
        joined.append(token)
        index += 1
    return joined


def is_code(token: str) -> bool:
    """True for a letters-and-digits token holding a digit (possibly hyphenated)."""
    plain = token.replace("-", "")
    return bool(plain) and ALNUM.match(plain) is not None and HAS_DIGIT.search(plain) is not None


def code_word(token: str) -> str:
    """The indexed and queried form of a token: hyphenated codes lose their hyphens."""
    if "-" in token and ALNUM.match(token.replace("-", "")):
        return token.replace("-", "")
    return token


def code_parts(token: str) -> list[str]:
    """The hyphen-separated pieces and letter/digit runs of a code (not the whole code)."""
    if not is_code(token) and "-" not in token:
        return []
    whole = token.replace("-", "")
    if not ALNUM.match(whole):
        return []
    pieces = token.split("-")
    parts = dict.fromkeys(piece for piece in pieces if len(piece) >= MIN_PART)
    for piece in pieces:
        parts.update(dict.fromkeys(run for run in RUNS.findall(piece) if len(run) >= MIN_PART))
    parts.pop(whole, None)
    return list(parts)
