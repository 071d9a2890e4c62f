"""The ruling lines drawn on a PDF page, read from pdfium's path objects.

Tables in reports and forms are drawn with ruling lines; finding them costs a walk over the
page's path objects, far cheaper than laying the page out again with pdfminer. Lines come
back merged: nearby parallel lines snapped together and collinear pieces joined, in pdfium's
page space (points, y growing upwards).
"""

from __future__ import annotations

from typing import NamedTuple

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from worker.extract import pdf_calls as calls
from worker.extract.limits import MAX_RULING_LINES_PER_PAGE
from worker.extract.pdf_calls import address

# Lines closer than this (in points, 1/72 inch) are the same line: double rules, thin filled
# rectangles drawn as lines, and rounding in the producing program.
SNAP_TOLERANCE = 3.0
# Ticks and serifs are not rulings.
MIN_LINE_LENGTH = 3.0
# Thicker than this, a filled rectangle is a shape, not a rule.
_LINE_THICKNESS = 2.0
# Forms nested in forms: deeper than this is a drawing, not a table.
_MAX_FORM_DEPTH = 4

# A 2D transform (a, b, c, d, e, f) as in the PDF spec: x' = ax + cy + e, y' = bx + dy + f.
Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


class Line(NamedTuple):
    """A horizontal line at `at` = y from `start` to `end` in x, or vertical at x in y."""

    at: float
    start: float
    end: float


class TooManyLines(Exception):
    """The page is a drawing or a chart; looking for tables in it would cost too much."""


def ruling_lines(page: pdfium.PdfPage) -> tuple[list[Line], list[Line]]:
    """The page's horizontal and vertical ruling lines, merged."""
    walk = _Walk()
    walk.objects(address(page.raw), 0, _IDENTITY)
    return _merge(walk.horizontal), _merge(walk.vertical)


class _Walk:
    """One pass over the page's objects, forms included, keeping the straight lines."""

    def __init__(self) -> None:
        self.horizontal: list[Line] = []
        self.vertical: list[Line] = []
        self._floats, self._addresses = calls.floats(4)
        self._lines = 0
        # An FS_MATRIX is six C floats, a to f.
        self._matrix_floats, (self._matrix_at, *_) = calls.floats(6)

    def objects(self, parent: int, depth: int, outer: Matrix) -> None:
        """Straight segments of every path on the page or in a form, in page space."""
        is_form = depth > 0
        count = calls.count_form_objects if is_form else calls.count_page_objects
        get_object = calls.form_object if is_form else calls.page_object
        object_type = calls.object_type
        path, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_FORM
        for index in range(count(parent)):
            obj = get_object(parent, index)
            kind = object_type(obj)
            if kind == path:
                # Most rulings are one line or a thin filled rectangle: their bounds say it
                # all, already in page space for objects outside forms. The rest are walked
                # point by point.
                if is_form or not self._thin_bounds(obj):
                    self._path(obj, _combine(self._matrix(obj), outer))
            elif kind == form and depth < _MAX_FORM_DEPTH:
                self.objects(obj, depth + 1, _combine(self._matrix(obj), outer))

    def _matrix(self, obj: int) -> Matrix:
        if not calls.object_matrix(obj, self._matrix_at):
            return _IDENTITY
        return tuple(self._matrix_floats.tolist())  # type: ignore[return-value]

    def _thin_bounds(self, obj: int) -> bool:
        """Keep the object's bounds as a line if they are a line's (a stroke or less thick)."""
        if not calls.object_bounds(obj, *self._addresses):
            return False
        left, bottom, right, top = self._floats.tolist()
        if top - bottom <= _LINE_THICKNESS:
            middle = (top + bottom) / 2
            self._segment(left, middle, right, middle)
            return True
        if right - left <= _LINE_THICKNESS:
            middle = (left + right) / 2
            self._segment(middle, bottom, middle, top)
            return True
        return False

    def _path(self, obj: int, matrix: Matrix) -> None:
        a, b, c, d, e, f = matrix
        point, (x_at, y_at) = self._floats, self._addresses[:2]
        path_segment, segment_point = calls.path_segment, calls.segment_point
        segment_type, segment_closes = calls.segment_type, calls.segment_closes
        moveto, lineto = pdfium_c.FPDF_SEGMENT_MOVETO, pdfium_c.FPDF_SEGMENT_LINETO
        start = previous = None
        for index in range(calls.count_segments(obj)):
            segment = path_segment(obj, index)
            segment_point(segment, x_at, y_at)
            x, y = point[0], point[1]
            here = (a * x + c * y + e, b * x + d * y + f)
            kind = segment_type(segment)
            if kind == moveto:
                start = previous = here
                continue
            if kind == lineto and previous is not None:
                self._segment(*previous, *here)
            previous = here
            if segment_closes(segment) and start is not None:
                self._segment(*here, *start)
                previous = start

    def _segment(self, x0: float, y0: float, x1: float, y1: float) -> None:
        # Runs once per straight segment: comparisons rather than abs, min and max.
        dx, dy = x1 - x0, y1 - y0
        if -1 < dy < 1 and (dx >= MIN_LINE_LENGTH or dx <= -MIN_LINE_LENGTH):
            self.horizontal.append(Line((y0 + y1) / 2, *((x0, x1) if dx > 0 else (x1, x0))))
        elif -1 < dx < 1 and (dy >= MIN_LINE_LENGTH or dy <= -MIN_LINE_LENGTH):
            self.vertical.append(Line((x0 + x1) / 2, *((y0, y1) if dy > 0 else (y1, y0))))
        else:
            return
        self._lines += 1
        if self._lines > MAX_RULING_LINES_PER_PAGE:
            raise TooManyLines


def _combine(inner: Matrix, outer: Matrix) -> Matrix:
    """The transform that applies `inner`, then `outer`."""
    if outer is _IDENTITY:
        return inner
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
    )


def _merge(lines: list[Line]) -> list[Line]:
    """Snap lines at nearly the same position together, then join touching pieces."""
    merged: list[Line] = []
    for group in _groups_by_position(lines):
        at = sum(line.at for line in group) / len(group)
        pieces = sorted(group, key=lambda line: line.start)
        start, end = pieces[0].start, pieces[0].end
        for piece in pieces[1:]:
            if piece.start <= end + SNAP_TOLERANCE:
                end = max(end, piece.end)
            else:
                merged.append(Line(at, start, end))
                start, end = piece.start, piece.end
        merged.append(Line(at, start, end))
    return merged


def _groups_by_position(lines: list[Line]) -> list[list[Line]]:
    groups: list[list[Line]] = []
    for line in sorted(lines, key=lambda line: line.at):
        if groups and line.at - groups[-1][0].at <= SNAP_TOLERANCE:
            groups[-1].append(line)
        else:
            groups.append([line])
    return groups
