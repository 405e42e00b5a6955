"""What the parser returns: parsed rows, problems by row and column, the table's title."""

from dataclasses import dataclass, field
from datetime import date

MAX_ROWS = 100_000  # far above any real table; a stray cell at row 1,048,576 is refused
MAX_COLUMNS = 200


class UnreadableFileError(ValueError):
    """The file is not a spreadsheet we can read; the message is shown to the editor."""


def check_size(height: int, width: int) -> None:
    """Refuse sheets beyond MAX_ROWS rows or MAX_COLUMNS columns before building them."""
    if height > MAX_ROWS or width > MAX_COLUMNS:
        message = f"表格过大（{height}行×{width}列），每次最多导入{MAX_ROWS}行、{MAX_COLUMNS}列。"
        raise UnreadableFileError(message)


@dataclass(frozen=True)
class Problem:
    """Something the editor must fix, at a spreadsheet row (1-based) and column."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "表格"
        column = f"「{self.column}」" if self.column else ""
        return f"{where}{column}：{self.message}"


@dataclass
class ParsedRow:
    """One batch as read from the table, cleaned but not yet matched to the database."""

    row_number: int
    product_name: str = ""
    enterprise_name: str = ""
    enterprise_address: str = ""
    sampled_unit: str = ""
    credit_code: str = ""
    brand: str = ""
    model_spec: str = ""
    produced_on: date | None = None
    batch_code: str = ""
    result: str | None = None
    failed_items: list[str] = field(default_factory=list)
    agency: str = ""
    report_number: str = ""
    district: str = ""
    note: str = ""


@dataclass
class ParsedTable:
    """The rows and problems of one file; nothing is saved from here."""

    title: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # field → header text in the file
    rows: list[ParsedRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
