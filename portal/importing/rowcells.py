"""Read the cells of one data row into a ParsedRow, collecting problems by column."""

import re

from flask_babel import gettext

from portal.importing.columns import BY_FIELD, column_letter, field_of
from portal.importing.header import Header
from portal.importing.results import ParsedRow, Problem
from portal.importing.text import clean_text, is_empty_mark
from portal.importing.values import CellValueError, parse_date, parse_result, split_failed_items

TEXT_FIELDS = (
    "product_name",
    "enterprise_name",
    "enterprise_address",
    "sampled_unit",
    "brand",
    "model_spec",
    "batch_code",
    "agency",
    "report_number",
    "district",
    "note",
)
BATCH_PREFIX = re.compile(r"^(生产批号|批号|批次号|批次)\s*[:：]\s*")


class RowReader:
    """Reads rows under one header; problems name the file's own column titles."""

    def __init__(self, header: Header):
        self.header = header

    def column(self, name: str) -> str:
        """The header text and column letter of a field, as shown in problems."""
        if name not in self.header.columns:
            return BY_FIELD[name].label
        letter = column_letter(self.header.columns[name])
        return gettext("%(header)s（%(letter)s列）", header=self.header.texts[name], letter=letter)

    def cell(self, cells: list, name: str):
        """The raw value of a field in a row, or None when the file has no such column."""
        index = self.header.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    def is_header_row(self, texts: list[str]) -> bool:
        """True for a header repeated under the header (page breaks, a header's second row)."""
        return field_of(self.cell(texts, "product_name") or "") == "product_name"

    def read(self, cells: list, texts: list[str], number: int) -> tuple[ParsedRow, list[Problem]]:
        """The parsed row and its problems, from the raw cells and their cleaned texts."""
        row = ParsedRow(row_number=number)
        problems: list[Problem] = []
        for name in TEXT_FIELDS:
            setattr(row, name, self.text(texts, name, number, problems))
        row.enterprise_name = _chinese_brackets(row.enterprise_name or row.sampled_unit)
        row.credit_code = (self.cell(texts, "credit_code") or "").replace(" ", "").upper()
        if is_empty_mark(row.credit_code):
            row.credit_code = ""
        self.read_produced(cells, row, problems)
        self.read_result(cells, row, problems)
        problems.extend(self.required(row, bool(self.cell(texts, "result"))))
        return row, problems

    def text(self, texts: list[str], name: str, row_number: int, problems: list) -> str:
        """A cleaned text cell ("/" and "—" read as empty), checked against its length limit."""
        text = self.cell(texts, name) or ""
        if is_empty_mark(text):
            return ""
        limit = BY_FIELD[name].max_length
        if limit and len(text) > limit:
            problems.append(
                Problem(
                    row_number, self.column(name), gettext("超过%(limit)s个字符。", limit=limit)
                )
            )
        return text

    def read_produced(self, cells: list, row: ParsedRow, problems: list) -> None:
        """Production date, or a batch code when the column allows 批号 and it is no date."""
        value = self.cell(cells, "produced")
        try:
            row.produced_on = parse_date(value)
        except CellValueError as error:
            text = BATCH_PREFIX.sub("", clean_text(value))
            if "批" in self.header.texts.get("produced", "") and not row.batch_code:
                row.batch_code = text[:64]
            else:
                problems.append(Problem(row.row_number, self.column("produced"), str(error)))

    def read_result(self, cells: list, row: ParsedRow, problems: list) -> None:
        """The result and failed items, checked against each other."""
        row.failed_items = split_failed_items(self.cell(cells, "failed_items"))
        try:
            row.result = parse_result(self.cell(cells, "result"))
        except CellValueError as error:
            problems.append(Problem(row.row_number, self.column("result"), str(error)))
            return
        if row.result == "不合格" and not row.failed_items:
            message = gettext("抽查结果为不合格，但没有填写不合格项目。")
            problems.append(Problem(row.row_number, self.column("failed_items"), message))
        if row.result == "合格" and row.failed_items:
            message = gettext("抽查结果为合格，却填写了不合格项目。")
            problems.append(Problem(row.row_number, self.column("failed_items"), message))

    def required(self, row: ParsedRow, has_result: bool) -> list[Problem]:
        """A problem for each empty required cell (an unreadable result is reported already)."""
        problems = []
        for name, value in (
            ("product_name", row.product_name),
            ("enterprise_name", row.enterprise_name),
            ("result", has_result),
            ("agency", row.agency),
        ):
            if not value and (name in self.header.columns or name == "enterprise_name"):
                problems.append(Problem(row.row_number, self.column(name), gettext("不能为空。")))
        return problems


def _chinese_brackets(name: str) -> str:
    """Enterprise names with the full-width brackets of registered names, no spaces by them."""
    return re.sub(r"\s*([（）])\s*", r"\1", name.replace("(", "（").replace(")", "）"))
