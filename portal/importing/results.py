"""What the parser returns: parsed rows, problems by row and column, the table's title."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext

MAX_ROWS = 100_000  # far above any real table; a stray cell at row 1,048,576 is refused
MAX_COLUMNS = 200


class UnreadableFileError(ValueError):
    """The file is not a spreadsheet we can read; the message is shown to the editor."""


def check_size(height: int, width: int) -> None:
    """Refuse sheets beyond MAX_ROWS rows or MAX_COLUMNS columns before building them."""
    if height > MAX_ROWS or width > MAX_COLUMNS:
        message = gettext(
            "表格过大（%(height)s行×%(width)s列），每次最多导入%(max_rows)s行、%(max_columns)s列。",
            height=height,
            width=width,
            max_rows=MAX_ROWS,
            max_columns=MAX_COLUMNS,
        )
        raise UnreadableFileError(message)


@dataclass(frozen=True)
class Problem:
    """Something the editor must fix, at a spreadsheet row (1-based) and column."""

    row: int | None
    column: str
    message: str

    def __str__(self) -> str:
        where = gettext("第%(row)s行", row=self.row) if self.row else gettext("表格")
        column = gettext("「%(column)s」", column=self.column) if self.column else ""
        return gettext(
            "%(where)s%(column)s：%(message)s", where=where, column=column, message=self.message
        )


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
