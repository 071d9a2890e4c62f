"""Which table cell each character of a PDF page falls in, read a line or a word at a time.

A character with a box is placed by its centre: in the cell holding it, or in the page's
text when no table holds it. A character without one (the spaces and line breaks pdfium
inserts) goes with the character before it.

Asking pdfium for each character's box costs a call per character, which on a page of
tables costs more than reading the page itself. pdfium also gives, in one call, the boxes of
a range of characters: one rectangle per text object in it (FPDFText_CountRects). When every
rectangle falls in the same cell, or outside every table, so does every character of the
range. So the text is tried a line at a time, then a word at a time, and only a word that
straddles cells is read a character at a time.
"""

from __future__ import annotations

import re
from typing import Protocol

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from worker.extract import pdf_calls as calls

# Where a character goes: (table number, cell number), or None for the page's text.
Owner = tuple[int, int] | None
# A range of characters, start to end, and where they all go.
Run = tuple[int, int, Owner]

# A table's answer for a box that lies across cells.
SPANS_CELLS = -1
# pdfium leaves out of its rectangles any character narrower or lower than this (points):
# the same rule decides which characters have a box when they are read one by one.
_MIN_SIZE = 0.01
_MIXED = object()  # a range whose characters go to different places
_NO_BOX = object()  # a range, or a character, with no box

_LINES = re.compile(r"[^\n]*\n|[^\n]+")
_WORDS = re.compile(r"\S+\s*|\s+")


class TableLike(Protocol):
    box: tuple[float, float, float, float]

    def cell_at(self, x: float, y: float) -> int | None: ...

    def cell_under(self, left: float, bottom: float, right: float, top: float) -> int | None: ...


def indexed_text(textpage: pdfium.PdfTextPage) -> str:
    """The page's text with character i the page's character i, as the box calls count them."""
    # pdfium's text is that, unless it added or dropped some: then it is read a character
    # at a time.
    text = textpage.get_text_range()
    count = textpage.count_chars()
    if len(text) != count:
        raw_textpage = textpage.raw
        text = "".join(chr(pdfium_c.FPDFText_GetUnicode(raw_textpage, i)) for i in range(count))
    return text


def owner_runs(textpage: pdfium.PdfTextPage, text: str, tables: list[TableLike]) -> list[Run]:
    """The page's characters in reading order, as runs that go to the same place."""
    return _Placer(textpage, tables).runs(text)


class _Placer:
    def __init__(self, textpage: pdfium.PdfTextPage, tables: list[TableLike]) -> None:
        self._raw = calls.address(textpage.raw)
        self._tables = [(*table.box, table) for table in tables]
        self._values, self._addresses = calls.doubles(4)
        self._runs: list[Run] = []
        self._owner: Owner = None  # where the last character went

    def runs(self, text: str) -> list[Run]:
        count_rects = calls.count_rects
        for line in _LINES.finditer(text):
            start, end = line.span()
            rects = count_rects(self._raw, start, end - start)
            # A rectangle per character or so (text drawn a glyph at a time): reading the
            # rectangles would cost as much as reading the characters, and may be wasted.
            if rects * 2 > end - start:
                self._place_each(start, end)
            elif not self._place_range(text, start, end, rects):
                for word in _WORDS.finditer(text, start, end):
                    first, last = word.span()
                    rects = count_rects(self._raw, first, last - first)
                    if not self._place_range(text, first, last, rects):
                        self._place_each(first, last)
        return self._runs

    def _place_range(self, text: str, start: int, end: int, rects: int) -> bool:
        """Place the range as a whole if its characters all go to one place."""
        where = self._range_owner(rects)
        if where is _MIXED:
            return False
        if where is _NO_BOX:
            self._add(start, end, self._owner)
            return True
        if where != self._owner and text[start].isspace() and not self._has_box(start):
            # A space pdfium inserted goes with what came before: read one by one. (Only
            # spaces are checked: any other character without a box is an invisible glyph.)
            return False
        self._add(start, end, where)  # type: ignore[arg-type]
        return True

    def _place_each(self, start: int, end: int) -> None:
        # Kept flat: on pages drawn a glyph at a time this runs once per character.
        get_box, raw, tables = calls.char_box, self._raw, self._tables
        values, (left, right, bottom, top) = self._values, self._addresses
        owner, run_start = self._owner, start
        for index in range(start, end):
            get_box(raw, index, left, right, bottom, top)
            x0, x1, y0, y1 = values.tolist()
            if x1 - x0 < _MIN_SIZE or y1 - y0 < _MIN_SIZE:
                continue  # no box: it goes with the character before
            x, y = (x0 + x1) / 2, (y0 + y1) / 2
            where = None
            for number, (box_left, box_bottom, box_right, box_top, table) in enumerate(tables):
                if box_left <= x <= box_right and box_bottom <= y <= box_top:
                    cell = table.cell_at(x, y)
                    # Outside every cell (a caption inside the frame): keep it in the text.
                    where = None if cell is None else (number, cell)
                    break
            if where != owner:
                if index > run_start:
                    self._add(run_start, index, owner)
                owner, run_start = where, index
        self._add(run_start, end, owner)

    def _has_box(self, index: int) -> bool:
        calls.char_box(self._raw, index, *self._addresses)
        left, right, bottom, top = self._values.tolist()
        return right - left >= _MIN_SIZE and top - bottom >= _MIN_SIZE

    def _add(self, start: int, end: int, owner: Owner) -> None:
        self._owner = owner
        runs = self._runs
        if runs and runs[-1][2] == owner:  # runs are contiguous: extend the last one
            runs[-1] = (runs[-1][0], end, owner)
        else:
            runs.append((start, end, owner))

    def _range_owner(self, rects: int) -> object:
        """Where the characters of the range pdfium last measured go (FPDFText_CountRects)."""
        if rects < 1:
            return _MIXED
        values, addresses = self._values, self._addresses
        get_rect, raw = calls.rect, self._raw
        where: object = None
        for number in range(rects):
            get_rect(raw, number, *addresses)
            left, top, right, bottom = values.tolist()
            if right - left < _MIN_SIZE:
                return _NO_BOX  # pdfium's rectangle for a range where nothing has a box
            here = self._box_owner(left, bottom, right, top)
            if here is _MIXED or (number and here != where):
                return _MIXED
            where = here
        return where

    def _box_owner(self, left: float, bottom: float, right: float, top: float) -> object:
        """Where every point of the box goes, or _MIXED."""
        where: object = None
        for number, (box_left, box_bottom, box_right, box_top, table) in enumerate(self._tables):
            if right < box_left or left > box_right or top < box_bottom or bottom > box_top:
                continue  # clear of this table's frame
            if where is not None:
                return _MIXED  # frames that overlap: the characters decide one by one
            if left < box_left or right > box_right or bottom < box_bottom or top > box_top:
                return _MIXED  # partly inside the frame
            cell = table.cell_under(left, bottom, right, top)
            if cell == SPANS_CELLS:
                return _MIXED
            where = (number, cell)
        if where is None:
            return None
        return None if where[1] is None else where  # type: ignore[index]
