"""A fast XLSX cell reader: openpyxl finds the active sheet and shared strings, ElementTree
streams the cells (openpyxl's own cell objects cost several times more on large tables)."""

import io
import xml.etree.ElementTree as ET  # noqa: N817 (the usual name)
import zipfile
from datetime import datetime

import openpyxl
from openpyxl.utils.cell import coordinate_to_tuple, range_boundaries

from portal.importing.results import check_size

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
CELL, ROW, VALUE, MERGE = NS + "c", NS + "row", NS + "v", NS + "mergeCell"
INLINE_TEXT = NS + "t"


def xlsx_cells(data: bytes) -> tuple[list[list], list[tuple[int, int, int, int]]]:
    """The active sheet's rows of values and its merged ranges (zero-based, end exclusive)."""
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    path = workbook.active._worksheet_path  # noqa: SLF001 (no public way to the sheet's part)
    strings = list(workbook.shared_strings)
    workbook.close()
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(path) as sheet:
        return parse_sheet(sheet, strings)


def parse_sheet(sheet, strings: list) -> tuple[list[list], list[tuple[int, int, int, int]]]:
    """Stream a worksheet's XML into rows (1-based positions kept) and merged ranges."""
    cells: dict[int, dict[int, object]] = {}
    merged = []
    row_number = column = 0
    # expat 2.4+ refuses entity-expansion bombs and ElementTree never fetches external entities
    for _, element in ET.iterparse(sheet, events=("end",)):  # noqa: S314
        if element.tag == CELL:
            ref = element.get("r")
            row_number, column = coordinate_to_tuple(ref) if ref else (row_number, column + 1)
            value = cell_value(element, strings)
            if value is not None:
                cells.setdefault(row_number, {})[column] = value
        elif element.tag == ROW:
            row_number, column = int(element.get("r") or row_number + 1), 0
            element.clear()
        elif element.tag == MERGE:
            left, top, right, bottom = range_boundaries(element.get("ref"))
            merged.append((top - 1, bottom, left - 1, right))
    return to_grid(cells), merged


def cell_value(element, strings: list):
    """The Python value of a <c> element: text, number, boolean or None."""
    kind = element.get("t", "n")
    if kind == "inlineStr":
        return "".join(text.text or "" for text in element.iter(INLINE_TEXT))
    raw = element.findtext(VALUE)
    if raw is None or kind == "e":
        return None
    if kind == "s":
        return str(strings[int(raw)])
    if kind == "str":
        return raw
    if kind == "b":
        return raw == "1"
    if kind == "d":
        return datetime.fromisoformat(raw)
    number = float(raw)
    return int(number) if number.is_integer() else number


def to_grid(cells: dict[int, dict[int, object]]) -> list[list]:
    """A dense grid from row → column → value, row 1 first."""
    height = max(cells, default=0)
    width = max((max(row) for row in cells.values() if row), default=0)
    check_size(height, width)
    grid = [[None] * width for _ in range(height)]
    for row_number, row in cells.items():
        for column, value in row.items():
            grid[row_number - 1][column - 1] = value
    return grid
