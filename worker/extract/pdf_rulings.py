"""The ruling lines drawn on a PDF page, read from pdfium's path objects.

Tables in reports and forms are drawn with ruling lines; finding them costs a walk over the
page's path objects, far cheaper than laying the page out again with pdfminer. Lines come
back merged: nearby parallel lines snapped together and collinear pieces joined, in pdfium's
page space (points, y growing upwards).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from worker.extract.limits import MAX_RULING_LINES_PER_PAGE

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


@dataclass(frozen=True)
class Line:
    """A horizontal line at `at` = y from `start` to `end` in x, or vertical at x in y."""

    at: float
    start: float
    end: float


class TooManyLines(Exception):
    """The page is a drawing or a chart; looking for tables in it would cost too much."""


def ruling_lines(page: pdfium.PdfPage) -> tuple[list[Line], list[Line]]:
    """The page's horizontal and vertical ruling lines, merged."""
    horizontal: list[Line] = []
    vertical: list[Line] = []
    for (x0, y0), (x1, y1) in _straight_segments(page.raw, 0, _IDENTITY):
        if abs(y0 - y1) < 1 and abs(x1 - x0) >= MIN_LINE_LENGTH:
            horizontal.append(Line((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x0 - x1) < 1 and abs(y1 - y0) >= MIN_LINE_LENGTH:
            vertical.append(Line((x0 + x1) / 2, min(y0, y1), max(y0, y1)))
        if len(horizontal) + len(vertical) > MAX_RULING_LINES_PER_PAGE:
            raise TooManyLines
    return _merge(horizontal), _merge(vertical)


def _straight_segments(parent, depth: int, outer: Matrix):
    """Straight segments of every path on the page or in a form, in page space."""
    is_form = depth > 0
    count_objects = pdfium_c.FPDFFormObj_CountObjects if is_form else pdfium_c.FPDFPage_CountObjects
    get_object = pdfium_c.FPDFFormObj_GetObject if is_form else pdfium_c.FPDFPage_GetObject
    bounds = [ctypes.c_float() for _ in range(4)]
    for index in range(count_objects(parent)):
        obj = get_object(parent, index)
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            # Most rulings are one line or a thin filled rectangle: their bounds say it all,
            # already in page space for objects outside forms. The rest are walked point by point.
            line = _thin_bounds(obj, bounds) if not is_form else None
            if line is not None:
                yield line
            else:
                yield from _path_segments(obj, _combine(_object_matrix(obj), outer))
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < _MAX_FORM_DEPTH:
            yield from _straight_segments(obj, depth + 1, _combine(_object_matrix(obj), outer))


def _thin_bounds(obj, bounds):
    """The object's bounds as a segment when they are a line's (a stroke or less thick)."""
    if not pdfium_c.FPDFPageObj_GetBounds(obj, *bounds):
        return None
    left, bottom, right, top = (value.value for value in bounds)
    if top - bottom <= _LINE_THICKNESS:
        middle = (top + bottom) / 2
        return (left, middle), (right, middle)
    if right - left <= _LINE_THICKNESS:
        middle = (left + right) / 2
        return (middle, bottom), (middle, top)
    return None


def _path_segments(obj, matrix: Matrix):
    x, y = ctypes.c_float(), ctypes.c_float()
    start = previous = None
    for index in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, index)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = _apply(matrix, x.value, y.value)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = previous = point
            continue
        if kind == pdfium_c.FPDF_SEGMENT_LINETO and previous is not None:
            yield previous, point
        previous = point
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            yield point, start
            previous = start


def _object_matrix(obj) -> Matrix:
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return _IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _combine(inner: Matrix, outer: Matrix) -> Matrix:
    """The transform that applies `inner`, then `outer`."""
    a1, b1, c1, d1, e1, f1 = inner
    a2, b2, c2, d2, e2, f2 = outer
    return (
        a1 * a2 + b1 * c2, a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2, c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2, e1 * b2 + f1 * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])


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
