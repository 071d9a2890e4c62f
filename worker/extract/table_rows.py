"""Rows of a spreadsheet or a CSV file as lines of tab-separated cells, within the limits.

Shared by xlsx.py and csv_table.py. Tabs keep the columns apart for a reader and for
citation, as the rebuilt tables of PDFs do. A sheet past its limits is cut with a line that
says so, never silently: the investigator knows to open the original.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence

from worker.extract.errors import ExtractionError
from worker.extract.limits import MAX_SHEET_ROWS, MAX_SPREADSHEET_CELLS, MAX_TEXT_CHARS

# Flag on an Extraction when some sheet was cut at a limit.
SHEET_CUT = "sheet_cut"


class TableBudget:
    """What one file's rows may still cost: cells (empty ones included) and characters."""

    def __init__(self) -> None:
        self.cells_left = MAX_SPREADSHEET_CELLS
        self.chars_left = MAX_TEXT_CHARS

    def charge_cells(self, count: int) -> bool:
        """Take `count` cells; False once the file has none left."""
        self.cells_left -= count
        return self.cells_left >= 0

    def charge_text(self, line: str) -> None:
        """Refuse the file once its text passes MAX_TEXT_CHARS, as every format does."""
        self.chars_left -= len(line) + 1
        if self.chars_left < 0:
            raise ExtractionError(f"too large: more than {MAX_TEXT_CHARS:,} characters of text")


def table_lines(rows: Iterable[Sequence], budget: TableBudget) -> Iterator[str]:
    """A line per row with any text, cells apart by tabs; a last line saying so if cut."""
    for count, row in enumerate(rows, start=1):
        if count > MAX_SHEET_ROWS:
            yield cut_line(f"it has more than {MAX_SHEET_ROWS:,} rows")
            return
        if not budget.charge_cells(len(row)):
            yield cut_line(f"the file has more than {MAX_SPREADSHEET_CELLS:,} cells")
            return
        cells = [cell_text(value) for value in row]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            line = "\t".join(cells)
            budget.charge_text(line)
            yield line


def cut_line(why: str) -> str:
    """The line that ends a cut sheet: why it was cut, and that the original is whole."""
    return (f"[Cut] The rest of this sheet was not read because {why}; "
            "the original file is kept and can be downloaded.")


def is_cut(lines: Sequence[str]) -> bool:
    """Whether these lines end with the cut line."""
    return bool(lines) and lines[-1].startswith("[Cut] ")


def cell_text(value: object) -> str:
    """A cell's value as a person reads it: dates as 2026-03-03, 450.0 as 450, on one line."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat() if value.time() == datetime.time() else value.isoformat(" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    # A tab or line break inside a cell would read as the next column or the next row.
    return " ".join(str(value).split())
