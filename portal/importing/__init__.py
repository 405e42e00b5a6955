"""Parse spot-check result tables (XLSX, XLS, CSV) as agencies really send them.

Pure parsing: no Flask and no database. `parse_table` returns the cleaned rows and every problem
by spreadsheet row and column; the service in portal.services.importing matches enterprises and
saves.
"""

from portal.importing.results import ParsedRow, ParsedTable, Problem
from portal.importing.table import parse_table
from portal.importing.text import fold_name

__all__ = ["ParsedRow", "ParsedTable", "Problem", "fold_name", "parse_table"]
