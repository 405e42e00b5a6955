"""marshmallow's built-in (English) validation messages, said in the reader's language.

marshmallow formats its messages before we see them ("Longer than maximum length 200."), so each
known message template is matched here and replaced by a Chinese msgid with the same values; the
Babel catalogue turns that back into English for English readers. A message we do not know passes
through unchanged (tests/test_validation_messages.py fails when marshmallow adds one).
"""

import re

from flask_babel import gettext

from portal.i18n import N_

# (marshmallow's template with {names} for values, our Chinese message with %(names)s).
TEMPLATES: tuple[tuple[str, str], ...] = (
    ("Missing data for required field.", N_("缺少必填项。")),
    ("Field may not be null.", N_("不能为空。")),
    ("Unknown field.", N_("不支持该查询参数，请查阅接口文档中的参数列表。")),
    ("Invalid input type.", N_("输入的类型无效。")),
    ("Invalid input.", N_("输入无效。")),
    ("Invalid type.", N_("类型无效。")),
    ("Invalid value.", N_("值无效。")),
    ("Not a valid integer.", N_("不是有效的整数。")),
    ("Not a valid number.", N_("不是有效的数字。")),
    ("Number too large.", N_("数字过大。")),
    ("Special numeric values (nan or infinity) are not permitted.", N_("不允许 NaN 或无穷大。")),
    ("Not a valid string.", N_("不是有效的字符串。")),
    ("Not a valid utf-8 string.", N_("不是有效的 UTF-8 字符串。")),
    ("Not a valid boolean.", N_("不是有效的布尔值（true 或 false）。")),
    ("Not a valid date.", N_("不是有效的日期（格式如 2026-01-31）。")),
    ("Not a valid datetime.", N_("不是有效的日期时间（ISO 8601，如 2026-01-31T08:00:00Z）。")),
    ("Not a valid time.", N_("不是有效的时间。")),
    ("Not a valid naive datetime.", N_("应为不带时区的日期时间。")),
    ("Not a valid aware datetime.", N_("应为带时区的日期时间。")),
    ("Not a valid naive time.", N_("应为不带时区的时间。")),
    ("Not a valid aware time.", N_("应为带时区的时间。")),
    ("Not a valid period of time.", N_("不是有效的时间长度。")),
    ("Not a valid list.", N_("不是有效的列表。")),
    ("Not a valid tuple.", N_("不是有效的元组。")),
    ("Not a valid mapping type.", N_("不是有效的键值对象。")),
    ("Not a valid URL.", N_("不是有效的网址。")),
    ("Not a valid email address.", N_("不是有效的电子邮箱地址。")),
    ("Not a valid UUID.", N_("不是有效的 UUID。")),
    ("Not a valid IP address.", N_("不是有效的 IP 地址。")),
    ("Not a valid IPv4 address.", N_("不是有效的 IPv4 地址。")),
    ("Not a valid IPv6 address.", N_("不是有效的 IPv6 地址。")),
    ("Not a valid IP interface.", N_("不是有效的 IP 接口。")),
    ("Not a valid IPv4 interface.", N_("不是有效的 IPv4 接口。")),
    ("Not a valid IPv6 interface.", N_("不是有效的 IPv6 接口。")),
    ("String does not match expected pattern.", N_("格式不符合要求。")),
    ("Longer than maximum length {max}.", N_("长度不能超过 %(max)s。")),
    ("Shorter than minimum length {min}.", N_("长度不能少于 %(min)s。")),
    ("Length must be between {min} and {max}.", N_("长度应在 %(min)s 到 %(max)s 之间。")),
    ("Length must be {equal}.", N_("长度应为 %(equal)s。")),
    ("Must be equal to {other}.", N_("应等于 %(other)s。")),
    ("Must be one of: {choices}.", N_("只能是以下之一：%(choices)s。")),
    (
        "One or more of the choices you made was not in: {choices}.",
        N_("所选的值中有不在以下范围内的：%(choices)s。"),
    ),
    ("One or more of the choices you made was in: {values}.", N_("所选的值不能包括：%(values)s。")),
    ('"{input}" cannot be formatted as a date.', N_("“%(input)s”不能格式化为日期。")),
    ('"{input}" cannot be formatted as a datetime.', N_("“%(input)s”不能格式化为日期时间。")),
    ('"{input}" cannot be formatted as a time.', N_("“%(input)s”不能格式化为时间。")),
    (
        "Must be greater than or equal to {min} and less than or equal to {max}.",
        N_("应在 %(min)s 到 %(max)s 之间。"),
    ),
    ("Must be greater than {min} and less than {max}.", N_("应大于 %(min)s 且小于 %(max)s。")),
    (
        "Must be greater than or equal to {min} and less than {max}.",
        N_("应不小于 %(min)s 且小于 %(max)s。"),
    ),
    (
        "Must be greater than {min} and less than or equal to {max}.",
        N_("应大于 %(min)s 且不大于 %(max)s。"),
    ),
    ("Must be greater than or equal to {min}.", N_("不能小于 %(min)s。")),
    ("Must be greater than {min}.", N_("应大于 %(min)s。")),
    ("Must be less than or equal to {max}.", N_("不能大于 %(max)s。")),
    ("Must be less than {max}.", N_("应小于 %(max)s。")),
)


def _pattern(template: str) -> re.Pattern:
    """A regular expression matching a formatted template, capturing its values by name."""
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        f"(?P<{part}>.+?)" if index % 2 else re.escape(part) for index, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$", re.S)


PATTERNS = tuple((_pattern(template), message) for template, message in TEMPLATES)


def localise_message(message):
    """One marshmallow message in the reader's language (unknown text is returned unchanged)."""
    if not isinstance(message, str):
        return message
    for pattern, chinese in PATTERNS:
        match = pattern.match(message)
        if match:
            return gettext(chinese, **match.groupdict())
    return message


def localise_errors(errors):
    """A marshmallow error structure (dicts, lists, strings) with every message localised."""
    if isinstance(errors, dict):
        return {key: localise_errors(value) for key, value in errors.items()}
    if isinstance(errors, list | tuple):
        return [localise_errors(item) for item in errors]
    return localise_message(errors)
