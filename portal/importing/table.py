"""Turn a grid of cells into parsed batch rows and problems."""

import re
from collections.abc import Callable

from flask_babel import gettext

from portal.importing.columns import BY_FIELD, ENTERPRISE_FIELDS, REQUIRED_FIELDS
from portal.importing.header import Header, find_header
from portal.importing.readers import read_grid
from portal.importing.results import ParsedTable, Problem, UnreadableFileError
from portal.importing.rowcells import RowReader
from portal.importing.text import clean_text

FOOTNOTE = re.compile(r"^(注|备注|说明|填表说明|制表|审核|\*)")
PROGRESS_STEP = 250
Progress = Callable[[int, int], None]


def parse_table(data: bytes, filename: str, progress: Progress | None = None) -> ParsedTable:
    """Parse a result table file; problems are collected, never raised."""
    try:
        grid = read_grid(data, filename)
    except UnreadableFileError as error:
        return ParsedTable(problems=[Problem(None, "", str(error))])
    header = find_header(grid)
    if header is None:
        message = gettext("未找到表头：应有「产品名称」「企业名称」「抽查结果」等列。")
        return ParsedTable(problems=[Problem(None, "", message)])
    table = ParsedTable(title=header.title, columns=dict(header.texts))
    table.problems.extend(missing_columns(header))
    read_rows(grid, header, table, progress)
    if not table.rows and not table.problems:
        table.problems.append(Problem(None, "", gettext("表格中没有抽查结果数据。")))
    return table


def missing_columns(header: Header) -> list[Problem]:
    """A problem for each required column the header lacks."""
    row = header.first_row + 1
    problems = [
        Problem(row, BY_FIELD[name].label, gettext("缺少必需的列。"))
        for name in REQUIRED_FIELDS
        if name not in header.columns
    ]
    if not any(name in header.columns for name in ENTERPRISE_FIELDS):
        problems.append(Problem(row, "标称生产企业名称", gettext("缺少必需的列。")))
    return problems


def read_rows(grid: list[list], header: Header, table: ParsedTable, progress) -> None:
    """Parse each data row after the header, skipping blank, heading and footnote rows."""
    reader = RowReader(header)
    total = len(grid) - header.data_start
    for done, index in enumerate(range(header.data_start, len(grid)), start=1):
        cells = grid[index]
        texts = [clean_text(value) for value in cells]
        if not is_skipped(texts, reader):
            row, problems = reader.read(cells, texts, index + 1)
            table.rows.append(row)
            table.problems.extend(problems)
        if progress and (done % PROGRESS_STEP == 0 or done == total):
            progress(done, total)


def is_skipped(texts: list[str], reader: RowReader) -> bool:
    """True for blank rows, group headings, footnotes and repeated header rows."""
    filled = [text for text in texts if text]
    if not filled:
        return True
    if FOOTNOTE.match(filled[0]) or reader.is_header_row(texts):
        return True
    return len(set(filled)) == 1 and not filled[0].isdigit()
