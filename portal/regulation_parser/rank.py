"""The legal rank of a parsed regulation (法律, 行政法规, 地方性法规, 部门规章, 规范性文件)."""

import re

from portal.regulation_parser.document import ParsedRegulation

_LOCAL_TITLE_RE = re.compile(r"^(?!中华人民共和国)[一-龥]{2,10}?(?:省|市|自治区|自治州).*条例$")
_NATIONAL_LAW_TITLE_RE = re.compile(r"^中华人民共和国.+法$")
_LOCAL_BODY_RE = re.compile(r"^[一-龥]{1,10}?(?:省|市|自治区|自治州)人民代表大会")

LEVEL_LAW = "法律"
LEVEL_ADMINISTRATIVE = "行政法规"
LEVEL_LOCAL = "地方性法规"
LEVEL_DEPARTMENTAL = "部门规章"
LEVEL_NORMATIVE = "规范性文件"


def infer_level(parsed: ParsedRegulation) -> str:
    """Guess the legal rank (法律, 行政法规, 地方性法规, 部门规章, 规范性文件)."""
    body = parsed.issuing_body or ""
    title = parsed.title
    if "全国人民代表大会" in body or (not body and _NATIONAL_LAW_TITLE_RE.match(title)):
        return LEVEL_LAW
    if _LOCAL_BODY_RE.match(body) or (not body and _LOCAL_TITLE_RE.match(title)):
        return LEVEL_LOCAL
    if body == "国务院" or any("国务院令" in line.text for line in parsed.history):
        return LEVEL_ADMINISTRATIVE
    if parsed.document_number:  # a ministry decree (…总局令第43号)
        return LEVEL_DEPARTMENTAL
    if body and title.endswith(("办法", "规定", "规则", "细则")):
        return LEVEL_DEPARTMENTAL
    return LEVEL_NORMATIVE
