"""Convert Chinese numerals such as 一百零三 (used in article and chapter labels) to ints."""

from __future__ import annotations

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
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千"


def chinese_numeral_to_int(text: str) -> int:
    """Convert a Chinese numeral such as 一百零三 or 两 to an int; raise ValueError otherwise."""
    numeral = text.strip()
    if numeral in _ZEROS:
        return 0
    if not numeral or any(ch not in NUMERAL_CHARS for ch in numeral):
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
