"""Cell values: dates, results and failed items as agencies write them."""

import re
from datetime import date, datetime, timedelta

from flask_babel import gettext

from portal.importing.text import clean_multiline, clean_text, is_empty_mark

EXCEL_EPOCH = date(1899, 12, 30)
SERIAL_RANGE = (20000, 80000)  # 1954 .. 2119: a number in this range is an Excel date
DATE_PREFIX = re.compile(r"^(生产日期|生产批号|批号|日期|生产日期/批号|生产日期或批号)\s*[:：]?\s*")
YMD = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?$")
YM = re.compile(r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*月?$")
COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
SERIAL = re.compile(r"^\d{5}(\.0+)?$")
PASS_MARKS = frozenset({"合格", "P", "PASS", "✓", "✔", "√", "符合", "通过"})
FAIL_MARKS = frozenset({"不合格", "F", "FAIL", "✗", "✘", "×", "X", "不符合", "未通过"})
ITEM_SEPARATORS = re.compile(r"[、,，;；\n]+")
# "1、" "2." "(3)" at the start of an item: numbering, not part of the item's name
ITEM_NUMBER = re.compile(r"(?:^|(?<=[\s,，;；、]))\(?\d{1,2}[).、](?!\d)\s*")


class CellValueError(ValueError):
    """A cell that cannot be read; the message is shown to the editor."""


def serial_to_date(serial: float) -> date:
    """The date of an Excel serial number (1900 date system)."""
    return EXCEL_EPOCH + timedelta(days=int(serial))


def parse_date(value) -> date | None:
    """A production date from a datetime, an Excel serial or text; None when empty.

    Raises CellValueError for text that looks like no date (callers decide whether it is a batch
    code instead).
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _serial_date(float(value))
    text = DATE_PREFIX.sub("", clean_text(value))
    if is_empty_mark(text):
        return None
    return _text_date(text)


def _serial_date(serial: float) -> date:
    """An Excel serial number in the plausible range as a date."""
    if not SERIAL_RANGE[0] <= serial <= SERIAL_RANGE[1]:
        raise CellValueError(gettext("无法识别的日期：%(value)s", value=format(serial, "g")))
    return serial_to_date(serial)


def _text_date(text: str) -> date:
    """A date written as 2026-03-05, 2026.03.05, 2026年3月5日, 2026年3月 or 20260305."""
    if SERIAL.match(text):
        return _serial_date(float(text))
    for pattern in (YMD, COMPACT, YM):
        match = pattern.match(text)
        if match:
            parts = [int(part) for part in match.groups()] + [1]
            try:
                return date(parts[0], parts[1], parts[2])
            except ValueError:
                break
    raise CellValueError(gettext("无法识别的日期：%(value)s", value=text))


def parse_result(value) -> str | None:
    """合格 or 不合格 from the forms agencies use (P, F, ✓, ×); None when empty."""
    text = clean_text(value).upper().replace(" ", "")
    if not text:
        return None
    if text in PASS_MARKS:
        return "合格"
    if text in FAIL_MARKS or text.startswith("不合格"):
        return "不合格"
    if text.startswith("合格"):
        return "合格"
    raise CellValueError(
        gettext("无法识别的抽查结果：%(value)s（应为合格或不合格）", value=clean_text(value))
    )


def split_failed_items(value) -> list[str]:
    """Failed items split on 、，; and line breaks, numbering removed, duplicates dropped."""
    items = []
    text = ITEM_NUMBER.sub("\n", clean_multiline(value))
    for part in ITEM_SEPARATORS.split(text):
        item = part.strip()
        if item and not is_empty_mark(item) and item not in items:
            items.append(item)
    return items
