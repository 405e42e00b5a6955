"""Import spot-check results: a preview that saves nothing, then an all-or-nothing save.

`preview_import` parses the file (portal.importing), checks the category and matches every
enterprise against the database without writing. `save_import` repeats the preview on the same
bytes (the database may have changed since), refuses when anything is wrong or the enterprise
matches changed, and writes the draft announcement, its batches, new or renamed enterprises, an
audit row and a content-version bump in one transaction.
"""

import logging
from dataclasses import dataclass, field

from flask_babel import gettext
from sqlalchemy import select

from portal.errors import InvalidInputError
from portal.extensions import db
from portal.importing import ParsedRow, Problem, parse_table
from portal.importing.table import Progress
from portal.models import Announcement, Batch, ProductCategory, PublicationStatus, utcnow
from portal.services.audit import record_action
from portal.services.content import bump_content_version
from portal.services.import_enterprises import (
    EnterpriseMatch,
    match_enterprises,
    store_enterprises,
)
from portal.services.import_metadata import ImportMetadata, resolve_metadata

logger = logging.getLogger(__name__)
CATEGORY_COLUMN = "产品类别"

__all__ = [
    "ImportMetadata",
    "ImportPreview",
    "ImportProblemsError",
    "preview_import",
    "save_import",
]


class ImportProblemsError(InvalidInputError):
    """The file still has problems; nothing was saved."""

    def __init__(self, problems: list[Problem]):
        super().__init__(
            gettext("表格中有 %(count)s 处问题，未保存任何内容。", count=len(problems)),
            errors={"file": [str(problem) for problem in problems]},
        )
        self.problems = problems


@dataclass
class ImportPreview:
    """What an import would save: rows, enterprise matches and every problem."""

    filename: str
    data: bytes
    category_code: str | None
    credit_codes: dict[str, str]
    title: str = ""
    category: ProductCategory | None = None
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    enterprises: list[EnterpriseMatch] = field(default_factory=list)
    row_enterprise: dict[int, int] = field(default_factory=dict)  # row number → enterprises index

    @property
    def is_valid(self) -> bool:
        """True when there is something to save and nothing to fix."""
        return bool(self.rows) and not self.problems

    @property
    def failed_count(self) -> int:
        """Number of failed batches."""
        return sum(1 for row in self.rows if row.result == "不合格")

    @property
    def new_enterprises(self) -> list[EnterpriseMatch]:
        """Enterprises the import would create."""
        return [match for match in self.enterprises if match.is_new]

    def enterprise_of(self, row: ParsedRow) -> EnterpriseMatch | None:
        """The enterprise match of a row."""
        index = self.row_enterprise.get(row.row_number)
        return None if index is None else self.enterprises[index]

    def signature(self) -> list[tuple]:
        """What the editor confirmed about the enterprises, compared again on save."""
        return [(m.name, m.credit_code, m.enterprise_id, m.renamed_from) for m in self.enterprises]


def preview_import(
    data: bytes,
    filename: str,
    category_code: str | None,
    credit_codes: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Parse a result file and match it against the database without writing anything.

    credit_codes maps enterprise names to the 统一社会信用代码 the editor supplies for new
    enterprises the file gives no code for.
    """
    table = parse_table(data, filename, progress)
    preview = ImportPreview(filename, data, category_code, dict(credit_codes or {}))
    preview.title, preview.rows = table.title, table.rows
    preview.category = find_category(category_code, table.title, table.problems)
    matches, row_enterprise, problems = match_enterprises(table.rows, preview.credit_codes)
    preview.enterprises, preview.row_enterprise = matches, row_enterprise
    preview.problems = sorted(table.problems + problems, key=lambda p: (p.row or 0, p.column))
    return preview


def find_category(code: str | None, title: str, problems: list[Problem]) -> ProductCategory | None:
    """The category named by its code, else the one whose name the title contains."""
    if code:
        category = db.session.scalar(select(ProductCategory).where(ProductCategory.code == code))
        if category is None:
            message = gettext("产品类别代码「%(code)s」不存在。", code=code)
            problems.append(Problem(None, CATEGORY_COLUMN, message))
        return category
    named = [c for c in db.session.scalars(select(ProductCategory)) if c.name in title]
    if named:
        return max(named, key=lambda category: len(category.name))
    message = gettext("无法从表格标题判断产品类别，请指定产品类别。")
    problems.append(Problem(None, CATEGORY_COLUMN, message))
    return None


def batches_of(preview: ImportPreview, enterprises: list, category) -> list[Batch]:
    """Unsaved Batch rows for the preview's rows, linked to the stored enterprises."""
    return [
        Batch(
            enterprise=enterprises[preview.row_enterprise[row.row_number]],
            category=category,
            product_name=row.product_name,
            brand=row.brand or None,
            model_spec=row.model_spec or None,
            batch_code=row.batch_code or None,
            produced_on=row.produced_on,
            result=row.result,
            failed_items=row.failed_items,
            agency=row.agency,
            district=row.district or enterprises[preview.row_enterprise[row.row_number]].district,
            report_number=row.report_number or None,
            note=row_note(row),
        )
        for row in preview.rows
    ]


def row_note(row: ParsedRow) -> str | None:
    """The batch note: the sampled unit when it is not the producer, then the file's note."""
    parts = []
    if row.sampled_unit and row.sampled_unit != row.enterprise_name:
        parts.append(f"被抽样单位：{row.sampled_unit}")
    if row.note:
        parts.append(row.note)
    return "；".join(parts) or None


def save_import(
    preview: ImportPreview, metadata: ImportMetadata, user, remote_addr: str = ""
) -> Announcement:
    """Save a previewed import as a draft announcement, all or nothing; returns it."""
    fresh = preview_import(
        preview.data, preview.filename, preview.category_code, preview.credit_codes
    )
    if fresh.problems or not fresh.rows:
        raise ImportProblemsError(
            fresh.problems or [Problem(None, "", gettext("表格中没有抽查结果数据。"))]
        )
    if fresh.signature() != preview.signature():
        raise InvalidInputError(gettext("预览之后企业信息已发生变化，请重新预览并确认。"))
    values = resolve_metadata(metadata, fresh.title, fresh.category)
    try:
        announcement = write_import(fresh, values, user, remote_addr)
    except Exception:
        db.session.rollback()
        raise
    logger.info(
        "Imported %s: announcement %s, %d batches",
        preview.filename,
        announcement.id,
        len(fresh.rows),
    )
    return announcement


def write_import(preview: ImportPreview, values: dict, user, remote_addr: str) -> Announcement:
    """Write the enterprises, the draft announcement and its batches; commit once."""
    enterprises = store_enterprises(preview.enterprises)
    announcement = Announcement(category=preview.category, status=PublicationStatus.DRAFT, **values)
    announcement.last_edited_by_id = user.id if user is not None else None
    announcement.last_edited_at = utcnow()
    announcement.batches = batches_of(preview, enterprises, preview.category)
    db.session.add(announcement)
    db.session.flush()
    details = {
        "filename": preview.filename,
        "batches": len(preview.rows),
        "failed": preview.failed_count,
        "new_enterprises": [m.credit_code for m in preview.new_enterprises],
        "renamed": {
            m.credit_code: [m.renamed_from, m.name] for m in preview.enterprises if m.renamed_from
        },
    }
    record_action(user, "import", ("announcement", announcement.id), details, remote_addr)
    bump_content_version()
    db.session.commit()
    return announcement
