"""Text folding: full-width characters, stray and non-breaking spaces, brackets."""

import re
import unicodedata

SPACES = re.compile(r"\s+")
# Full-width ASCII (！ .. ～) to half-width and the ideographic space to a space; unlike NFKC this
# keeps ², ℃ and other signs that matter in specifications.
CJK_GAP = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")
# Control characters (but tab and line breaks) and zero-width marks are dropped.
HALF_WIDTH = (
    {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
    | {0x3000: 0x20}
    | {
        code: None
        for code in (*range(0x20), 0x7F, 0x200B, 0x200C, 0x200D, 0xFEFF)
        if code not in (9, 10, 13)
    }
)
EMPTY_MARKS = frozenset({"", "/", "-", "—", "——", "--", "无", "/ ", "／", "空"})


def clean_text(value) -> str:
    """A cell as one line of half-width text: single spaces, none between Chinese characters."""
    if value is None:
        return ""
    text = str(value).translate(HALF_WIDTH)
    return CJK_GAP.sub("", SPACES.sub(" ", text)).strip()


def clean_multiline(value) -> str:
    """A cell as half-width text keeping its line breaks (used before splitting lists)."""
    if value is None:
        return ""
    text = str(value).translate(HALF_WIDTH).replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def fold_name(value) -> str:
    """A matching key for enterprise names and addresses: NFKC, no spaces, one bracket style."""
    text = unicodedata.normalize("NFKC", clean_text(value)).replace("(", "（").replace(")", "）")
    return SPACES.sub("", text).upper()


def fold_header(value) -> str:
    """A header cell reduced to its words: no notes in brackets, spaces, slashes or asterisks."""
    text = re.sub(r"\([^)]*\)", "", clean_text(value))
    return re.sub(r"[\s*:/、]", "", text)


def is_empty_mark(text: str) -> bool:
    """True for cells that mean "nothing" (/, —, 无)."""
    return text.strip() in EMPTY_MARKS
