"""What the parser returns: parsed rows, problems by row and column, the table's title."""

from dataclasses import dataclass, field
from datetime import date


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
