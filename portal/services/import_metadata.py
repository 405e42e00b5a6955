"""The announcement metadata of an import: given values, or defaults from the file."""

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.models import Announcement, Scope
from portal.timeutil import local_today

NUMBER_FORMAT = "沪市监质〔{year}〕第{serial}号"
NUMBER_SERIAL = re.compile(r"〔(\d{4})〕第(\d+)号$")
ANNEX_PREFIX = re.compile(r"^附件\s*\d*\s*[:：]?\s*")
DEFAULT_TITLE = "{category}产品质量监督抽查结果公告"


@dataclass
class ImportMetadata:
    """Announcement fields an editor may give; None means the default."""

    number: str | None = None
    title: str | None = None
    scope: str = Scope.PRODUCTION
    period_start_on: date | None = None
    period_end_on: date | None = None
    issued_on: date | None = None
    summary: str = ""


def resolve_metadata(metadata: ImportMetadata, table_title: str, category) -> dict:
    """Announcement column values with defaults filled in; InvalidInputError when invalid."""
    issued = metadata.issued_on or local_today()
    values = {
        "number": (metadata.number or "").strip() or next_number(issued.year),
        "title": (metadata.title or "").strip() or default_title(table_title, category),
        "scope": metadata.scope,
        "issued_on": issued,
        "period_start_on": metadata.period_start_on or quarter_start(issued),
        "period_end_on": metadata.period_end_on or issued,
        "summary": metadata.summary or "",
    }
    errors = metadata_errors(values)
    if errors:
        raise InvalidInputError("公告信息有误。", errors=errors)
    return values


def metadata_errors(values: dict) -> dict[str, list[str]]:
    """Field → messages for announcement values that cannot be saved."""
    errors = {}
    if values["scope"] not in Scope.ALL:
        errors["scope"] = [f"抽查领域应为{'、'.join(Scope.ALL)}之一。"]
    if values["period_start_on"] > values["period_end_on"]:
        errors["period_start_on"] = ["抽查期间的开始日期晚于结束日期。"]
    if len(values["number"]) > 64:
        errors["number"] = ["公告编号不能超过64个字符。"]
    elif db.session.scalar(select(Announcement.id).where(Announcement.number == values["number"])):
        errors["number"] = [f"公告编号「{values['number']}」已被使用。"]
    if len(values["title"]) > 256:
        errors["title"] = ["标题不能超过256个字符。"]
    return errors


def default_title(table_title: str, category) -> str:
    """The file's title (附件 prefix removed), with the category name when it lacks it."""
    title = ANNEX_PREFIX.sub("", table_title or "").strip()
    name = category.name if category is not None else ""
    if not title:
        return DEFAULT_TITLE.format(category=name)
    return title if name in title else f"{name}{title}"


def next_number(year: int) -> str:
    """The next free announcement number of the year in the bureau's sequence."""
    numbers = db.session.scalars(
        select(Announcement.number).where(Announcement.number.like(f"%〔{year}〕%"))
    )
    serials = [int(m.group(2)) for n in numbers if (m := NUMBER_SERIAL.search(n))]
    return NUMBER_FORMAT.format(year=year, serial=max(serials, default=0) + 1)


def quarter_start(day: date) -> date:
    """The first day of the quarter a day falls in (the default start of the period)."""
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
