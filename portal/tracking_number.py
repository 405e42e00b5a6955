"""Tracking numbers of citizens' submissions: JY-2026-000123-7 with an ISO 7064 check digit."""

import re
import unicodedata

PREFIXES = {"suggestion": "JY", "complaint": "TS"}
PATTERN = re.compile(r"^(JY|TS)-(\d{4})-(\d{6,9})-(\d)$")
DASHES = re.compile(r"[\s\u2010-\u2015\u2212\uff0d_]+")


def check_digit(digits: str) -> str:
    """ISO 7064 MOD 11,10 check digit: catches every single-digit error and most swaps."""
    product = 10
    for char in digits:
        total = (int(char) + product) % 10 or 10
        product = (total * 2) % 11
    return str((11 - product) % 10)


def make_tracking_number(kind: str, year: int, serial: int) -> str:
    """The tracking number of submission `serial` (its database id) filed in `year`."""
    body = f"{year:04d}{serial:06d}"
    return f"{PREFIXES[kind]}-{year:04d}-{serial:06d}-{check_digit(body)}"


def normalise_tracking_number(text: str) -> str:
    """Fold what a citizen typed: full-width to half-width, upper case, any dash to '-'."""
    folded = unicodedata.normalize("NFKC", text or "").strip().upper()
    return DASHES.sub("-", folded)


def is_valid_tracking_number(text: str) -> bool:
    """True when the (normalised) number is well formed and its check digit agrees."""
    match = PATTERN.match(text)
    if not match:
        return False
    prefix, year, serial, check = match.groups()
    return check_digit(year + serial) == check
