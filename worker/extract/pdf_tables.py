"""Tables on a PDF page, rebuilt from its ruling lines, and the page's text with them in place.

A table is a grid: where horizontal and vertical rulings cross, the smallest rectangles whose
four sides are drawn are its cells, and cells that share corners make one table. The page's
characters are then read once, in pdfium's reading order: those outside tables stay as they
are, those inside go to their cell, and each table is written as tab-separated rows where its
first character stood (pdf_placement finds where each character goes without asking pdfium
about every one). Tables without rulings read as plain text.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field

import pypdfium2 as pdfium

from worker.extract.pdf_grid import Box, find_cells, group_into_tables
from worker.extract.pdf_placement import SPANS_CELLS, indexed_text, owner_runs
from worker.extract.pdf_rulings import TooManyLines, ruling_lines


@dataclass
class Table:
    """A ruled table: its cells top-down, left to right, and where each character falls."""

    box: Box
    cells: list[Box]
    _xs: list[float] = field(default_factory=list)
    _ys: list[float] = field(default_factory=list)
    _cell_of_slot: dict[tuple[int, int], int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.cells.sort(key=lambda cell: (-cell[3], cell[0]))
        self._xs = sorted({x for cell in self.cells for x in (cell[0], cell[2])})
        self._ys = sorted({y for cell in self.cells for y in (cell[1], cell[3])})
        column_at = {x: index for index, x in enumerate(self._xs)}
        row_at = {y: index for index, y in enumerate(self._ys)}
        # A merged cell covers several slots of the grid; each slot knows its cell.
        for number, (left, bottom, right, top) in enumerate(self.cells):
            for column in range(column_at[left], column_at[right]):
                for row in range(row_at[bottom], row_at[top]):
                    self._cell_of_slot[(column, row)] = number

    @property
    def is_grid(self) -> bool:
        """Two columns and two rows at least: a single row or column reads well as plain text."""
        return len(self._xs) >= 3 and len(self._ys) >= 3

    def cell_at(self, x: float, y: float) -> int | None:
        """The number of the cell holding the point, or None between cells."""
        column = bisect.bisect_right(self._xs, x) - 1
        row = bisect.bisect_right(self._ys, y) - 1
        return self._cell_of_slot.get((column, row))

    def cell_under(self, left: float, bottom: float, right: float, top: float) -> int | None:
        """The cell a box inside the table lies in; None between cells; SPANS_CELLS for several."""
        first_column = bisect.bisect_right(self._xs, left) - 1
        last_column = bisect.bisect_right(self._xs, right) - 1
        first_row = bisect.bisect_right(self._ys, bottom) - 1
        last_row = bisect.bisect_right(self._ys, top) - 1
        if first_column == last_column and first_row == last_row:
            return self._cell_of_slot.get((first_column, first_row))
        cells = {
            self._cell_of_slot.get((column, row))
            for column in range(first_column, last_column + 1)
            for row in range(first_row, last_row + 1)
        }
        return cells.pop() if len(cells) == 1 else SPANS_CELLS

    def as_text(self, cell_texts: list[str]) -> str:
        """Tab-separated rows; a row is the cells sharing a top edge; empty rows are left out."""
        rows: dict[float, list[str]] = defaultdict(list)
        for cell, text in zip(self.cells, cell_texts, strict=True):
            rows[cell[3]].append(text)
        return "\n".join("\t".join(row) for row in rows.values() if any(row))


def find_tables(page: pdfium.PdfPage) -> list[Table]:
    """The page's ruled tables, each at least two columns by two rows."""
    try:
        horizontal, vertical = ruling_lines(page)
    except TooManyLines:
        return []
    if len(horizontal) < 2 or len(vertical) < 2:
        return []
    tables = []
    for cells in group_into_tables(find_cells(horizontal, vertical)):
        box = (
            min(cell[0] for cell in cells), min(cell[1] for cell in cells),
            max(cell[2] for cell in cells), max(cell[3] for cell in cells),
        )
        table = Table(box, cells)
        if table.is_grid:
            tables.append(table)
    return tables


def page_text_with_tables(textpage: pdfium.PdfTextPage, tables: list[Table]) -> tuple[str, int]:
    """The page's text with each table as tab-separated rows, and how many tables had text."""
    text = indexed_text(textpage)
    pieces: list[str | int] = []  # text, or the number of a table to write there
    chars: list[list[list[str]]] = [[[] for _ in table.cells] for table in tables]
    placed: set[int] = set()
    for start, end, owner in owner_runs(textpage, text, tables):
        if owner is None:
            pieces.append(text[start:end])
            continue
        table, cell = owner
        if table not in placed:
            placed.add(table)
            pieces.append(table)
        chars[table][cell].append(text[start:end])
    return _assemble(pieces, tables, chars)


def _assemble(pieces, tables: list[Table], chars) -> tuple[str, int]:
    written = 0
    out = []
    for piece in pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        table_text = tables[piece].as_text([_cell_text(cell) for cell in chars[piece]])
        if table_text:
            out.append("\n" + table_text + "\n")
            written += 1
    return _joined_surrogates("".join(out)), written


def _cell_text(chars: list[str]) -> str:
    # A cell's lines become one line of the table; tabs would break its columns.
    return " ".join(_joined_surrogates("".join(chars)).split())


def _joined_surrogates(text: str) -> str:
    """Characters beyond the Basic Multilingual Plane, which pdfium counts as two halves."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
