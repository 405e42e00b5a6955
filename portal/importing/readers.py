"""Read XLSX, XLS and CSV files into a grid of cell values with merged cells filled in."""

import csv
import io

import xlrd
from flask_babel import gettext

from portal.importing.results import UnreadableFileError, check_size
from portal.importing.xlsx import xlsx_cells

ENCODINGS = ("utf-8-sig", "gb18030")
DELIMITERS = (",", "\t", ";")
Grid = list[list]


def read_grid(data: bytes, filename: str) -> Grid:
    """The first sheet of an XLSX, XLS or CSV file as rows of cell values."""
    if not data:
        raise UnreadableFileError(gettext("文件为空。"))
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return read_xls(data)
    if filename.lower().endswith((".xlsx", ".xls")):
        raise UnreadableFileError(gettext("文件不是有效的 Excel 文件，请重新导出后上传。"))
    return read_csv(data)


def read_xlsx(data: bytes) -> Grid:
    """The active sheet of an XLSX workbook; merged ranges repeat their top-left value."""
    try:
        grid, merged = xlsx_cells(data)
    except UnreadableFileError:
        raise
    except Exception as error:  # a damaged file fails in many ways inside the zip and XML
        raise UnreadableFileError(gettext("无法读取 Excel 文件，请确认文件完整。")) from error
    return fill_merged(grid, merged)


def read_xls(data: bytes) -> Grid:
    """The first sheet of an old XLS workbook, dates converted, merged ranges filled."""
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=io.StringIO())
        sheet = book.sheet_by_index(0)
        grid = [
            [_xls_value(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)]
            for r in range(sheet.nrows)
        ]
    except Exception as error:  # a damaged file fails in many ways inside xlrd
        raise UnreadableFileError(gettext("无法读取 XLS 文件，请确认文件完整。")) from error
    return fill_merged(grid, sheet.merged_cells)


def _xls_value(cell, datemode: int):
    """A Python value of an xlrd cell (whole numbers as int, dates as datetime)."""
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
    if cell.ctype == xlrd.XL_CELL_NUMBER and float(cell.value).is_integer():
        return int(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    return cell.value


def read_csv(data: bytes) -> Grid:
    """A CSV file in UTF-8 (with or without BOM) or GBK/GB18030, comma or tab separated."""
    text = decode_text(data)
    sample = text[:8192]
    delimiter = max(DELIMITERS, key=sample.count)
    try:
        return [
            [c or None for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise UnreadableFileError(gettext("无法读取 CSV 文件：%(error)s", error=error)) from error


def decode_text(data: bytes) -> str:
    """Decode as UTF-8 (BOM allowed), else GB18030 (a superset of GBK)."""
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnreadableFileError(gettext("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV 文件。"))


def fill_merged(grid: Grid, ranges) -> Grid:
    """Copy each merged range's top-left value into its other cells.

    Ranges are (first row, row after last, first column, column after last), zero-based.
    """
    width = max((len(row) for row in grid), default=0)
    check_size(len(grid), width)
    for row in grid:
        row.extend([None] * (width - len(row)))
    for top, bottom, left, right in ranges:
        if top >= len(grid) or left >= width:
            continue
        value = grid[top][left]
        for r in range(top, min(bottom, len(grid))):
            for c in range(left, min(right, width)):
                grid[r][c] = value
    return grid
