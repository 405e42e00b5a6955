"""Read and check a product-catalogue CSV file: one category per row, problems reported by row.

Columns (header row required; English or Chinese names; UTF-8, with or without BOM, or GB18030 as
saved by Excel): code/代码, name/名称, group/分组 (required), risk_level/风险等级 (高, 中 or 低;
default 中), is_key_product/重点产品 (是/否; default 否), products/产品名称 and test_items/检验项目
(lists separated by 、), description/说明.
"""

import csv
import io
import re
from dataclasses import dataclass

from flask_babel import gettext

from portal.errors import InvalidInputError

COLUMNS = {
    "code": "代码",
    "name": "名称",
    "group": "分组",
    "risk_level": "风险等级",
    "is_key_product": "重点产品",
    "products": "产品名称",
    "test_items": "检验项目",
    "description": "说明",
}
REQUIRED = ("code", "name", "group")
ALIASES = {label: key for key, label in COLUMNS.items()} | {key: key for key in COLUMNS}
CODE_PATTERN = re.compile(r"^[0-9A-Za-z]{2,16}$")
RISK_LEVELS = ("高", "中", "低")
YES = {"是", "y", "yes", "true", "1"}
NO = {"否", "n", "no", "false", "0", ""}
LIST_SEPARATOR = re.compile(r"[、;；]")
MAX_LENGTHS = {"name": 64, "group": 32}
MAX_ITEM_LENGTH = 64


@dataclass(frozen=True)
class CatalogRow:
    """One checked row of the catalogue file."""

    line: int
    code: str
    name: str
    group_name: str
    risk_level: str
    is_key_product: bool
    products: tuple[str, ...]
    test_items: tuple[str, ...]
    description: str | None


def read_catalog_csv(data: bytes | str) -> list[CatalogRow]:
    """Parse and check a whole catalogue file; raise InvalidInputError listing every bad row."""
    reader = csv.reader(io.StringIO(decode(data)))
    header = [cell.strip() for cell in next(reader, [])]
    keys = header_keys(header)
    rows, errors = [], {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row, problems = check_row(
            line, dict(zip(keys, cells, strict=False)), len(cells) > len(keys)
        )
        if problems:
            errors[gettext("第%(line)s行", line=line)] = problems
        else:
            rows.append(row)
    errors |= duplicate_errors(rows)
    if errors:
        message = gettext("目录文件有 %(count)s 行有误，未保存任何内容。", count=len(errors))
        raise InvalidInputError(message, errors=errors)
    if not rows:
        raise InvalidInputError(
            gettext("目录文件中没有产品类别行。"),
            errors={gettext("文件"): [gettext("没有数据行。")]},
        )
    return rows


def decode(data: bytes | str) -> str:
    """The text of the file: UTF-8 (BOM allowed) or GB18030."""
    if isinstance(data, str):
        return data.lstrip("\ufeff")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise InvalidInputError(
            gettext("无法识别文件编码，请保存为 UTF-8 编码的 CSV 文件。"),
            errors={gettext("文件"): [gettext("编码无法识别。")]},
        ) from None


def header_keys(header: list[str]) -> list[str]:
    """Map the header cells to column keys, or raise when a column is unknown or missing."""
    unknown = [cell for cell in header if cell.lower() not in ALIASES]
    keys = [ALIASES.get(cell.lower(), cell) for cell in header]
    missing = [f"{key}（{COLUMNS[key]}）" for key in REQUIRED if key not in keys]
    problems = [gettext("未知的列：%(columns)s。", columns="、".join(unknown))] if unknown else []
    if missing:
        problems.append(gettext("缺少必填列：%(columns)s。", columns="、".join(missing)))
    if len(set(keys)) != len(keys):
        problems.append(gettext("有重复的列。"))
    if problems:
        raise InvalidInputError(
            gettext("目录文件的表头有误，未保存任何内容。"),
            errors={gettext("第%(line)s行", line=1): problems},
        )
    return keys


def check_row(line: int, cells: dict, extra_cells: bool) -> tuple[CatalogRow | None, list[str]]:
    """The checked row and the list of its problems (empty when the row is valid)."""
    value = {key: (cells.get(key) or "").strip() for key in COLUMNS}
    problems = [gettext("单元格多于表头的列数。")] if extra_cells else []
    problems += field_problems(value)
    products, product_problems = split_list(value["products"], "产品名称")
    test_items, item_problems = split_list(value["test_items"], "检验项目")
    problems += product_problems + item_problems
    if problems:
        return None, problems
    row = CatalogRow(
        line=line,
        code=value["code"],
        name=value["name"],
        group_name=value["group"],
        risk_level=value["risk_level"] or "中",
        is_key_product=value["is_key_product"].lower() in YES,
        products=products,
        test_items=test_items,
        description=value["description"] or None,
    )
    return row, []


def field_problems(value: dict) -> list[str]:
    """Problems of the single-value cells of a row."""
    problems = [
        gettext("%(column)s不能为空。", column=COLUMNS[key]) for key in REQUIRED if not value[key]
    ]
    if value["code"] and not CODE_PATTERN.match(value["code"]):
        problems.append(gettext("代码“%(code)s”应为 2–16 位数字或字母。", code=value["code"]))
    for key, limit in MAX_LENGTHS.items():
        if len(value[key]) > limit:
            problems.append(
                gettext("%(column)s不能超过 %(limit)s 个字符。", column=COLUMNS[key], limit=limit)
            )
    if value["risk_level"] and value["risk_level"] not in RISK_LEVELS:
        problems.append(
            gettext("风险等级“%(value)s”应为 高、中 或 低。", value=value["risk_level"])
        )
    if value["is_key_product"].lower() not in YES | NO:
        problems.append(
            gettext("重点产品“%(value)s”应为 是 或 否。", value=value["is_key_product"])
        )
    return problems


def split_list(text: str, label: str) -> tuple[tuple[str, ...], list[str]]:
    """The 、-separated names of a list cell and the problems found in it."""
    names = [name.strip() for name in LIST_SEPARATOR.split(text) if name.strip()]
    problems = [
        gettext(
            "%(label)s“%(name)s”超过 %(limit)s 个字符。",
            label=label,
            name=name[:20],
            limit=MAX_ITEM_LENGTH,
        )
        for name in names
        if len(name) > MAX_ITEM_LENGTH
    ]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.append(
            gettext("%(label)s重复：%(names)s。", label=label, names="、".join(repeated))
        )
    return tuple(names), problems


def duplicate_errors(rows: list[CatalogRow]) -> dict[str, list[str]]:
    """Rows whose code or name already appeared on an earlier row of the file."""
    errors: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        for label, key in (("代码", row.code), ("名称", row.name)):
            first = seen.setdefault((label, key), row.line)
            if first != row.line:
                errors.setdefault(gettext("第%(line)s行", line=row.line), []).append(
                    gettext(
                        "%(label)s“%(key)s”与第%(first)s行重复。", label=label, key=key, first=first
                    )
                )
    return errors
