"""统一社会信用代码 validation (GB 32100-2015)."""

import re

from flask_babel import gettext

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def check_character(first17: str) -> str:
    """Return the check character for the first 17 characters of a code."""
    total = sum(
        ALPHABET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True)
    )
    return ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(raw: str) -> str:
    """Strip spaces and fold to upper-case half-width characters."""
    folded = "".join(chr(ord(c) - 0xFEE0) if "！" <= c <= "～" else c for c in raw or "")
    return re.sub(r"\s+", "", folded).upper()


def credit_code_error(code: str) -> str | None:
    """Return a Chinese message explaining why the code is invalid, or None if it is valid."""
    if len(code) != 18:
        return gettext("统一社会信用代码应为18位，收到%(length)s位。", length=len(code))
    if not SHAPE.match(code):
        return gettext("统一社会信用代码含有不允许的字符（不使用 I、O、Z、S、V，第3至8位为数字）。")
    if check_character(code[:17]) != code[17]:
        return gettext("统一社会信用代码校验位不正确，请核对后重新输入。")
    return None


def is_valid_credit_code(code: str) -> bool:
    """True when the normalised code passes the GB 32100-2015 check."""
    return credit_code_error(normalize_credit_code(code)) is None
