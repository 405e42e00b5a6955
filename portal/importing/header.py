"""Find the header in the top rows: one row or two (a merged parent over its sub-columns)."""

import re
from dataclasses import dataclass, field

from portal.importing.columns import field_of
from portal.importing.text import clean_text

SEARCH_ROWS = 20  # the header is within the first rows, under a title or two
MIN_FIELDS = 3
ANNEX = re.compile(r"^附件\s*\d*\s*[:：]?$")


@dataclass
class Header:
    """Where the header is and which column holds which field."""

    first_row: int  # zero-based index of the header's first row
    height: int  # 1 or 2 rows
    columns: dict[str, int] = field(default_factory=dict)  # field → zero-based column
    texts: dict[str, str] = field(default_factory=dict)  # field → the header text in the file
    title: str = ""
    combined: int = 0  # fields named by a parent cell and its sub-column together

    @property
    def strength(self) -> tuple[int, bool]:
        """How convincing the header is: fields found, then whether two rows made sense."""
        return len(self.columns), self.combined > 0

    @property
    def data_start(self) -> int:
        """Zero-based index of the first row after the header."""
        return self.first_row + self.height


def find_header(grid: list[list]) -> Header | None:
    """The most convincing header within the first rows, or None when there is none."""
    best = None
    for index in range(min(len(grid), SEARCH_ROWS)):
        for height in (1, 2):
            candidate = _header_at(grid, index, height)
            if candidate and (best is None or candidate.strength > best.strength):
                best = candidate
    if best is None or len(best.columns) < MIN_FIELDS:
        return None
    best.title = title_above(grid, best.first_row)
    return best


def _header_at(grid: list[list], index: int, height: int) -> Header | None:
    """Read rows index (and index + 1) as a header; None when two rows are not available."""
    if index + height > len(grid):
        return None
    top = grid[index]
    bottom = grid[index + 1] if height == 2 else [None] * len(top)
    header = Header(first_row=index, height=height)
    for column, (upper, lower) in enumerate(zip(top, bottom, strict=False)):
        upper, lower = clean_text(upper), clean_text(lower)
        text = _joined(upper, lower)
        name = field_of(text) if text else None
        if name and name not in header.columns:
            header.columns[name] = column
            header.texts[name] = text
            header.combined += text != upper and bool(upper)
    return header


def _joined(upper: str, lower: str) -> str:
    """A two-row header cell: the parent and its sub-column, or one of them when they agree."""
    if not lower or lower == upper:
        return upper
    if not upper:
        return lower
    return upper + lower


def title_above(grid: list[list], first_row: int) -> str:
    """The title written above the header (附件 lines skipped), or an empty string."""
    for row in grid[:first_row]:
        texts = [clean_text(value) for value in row if clean_text(value)]
        if texts and not ANNEX.match(texts[0]):
            return texts[0]
    return ""
