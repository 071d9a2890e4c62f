"""From ruling lines to table cells: the geometry of a ruled table, with no PDF in sight.

Where a horizontal and a vertical line cross is a corner. From each corner, a cell is the
smallest rectangle reaching right along the same horizontal line and down along the same
vertical line whose far corner closes it with lines actually drawn. Cells that share a corner
belong to one table.
"""

from __future__ import annotations

import bisect
from collections import defaultdict

from worker.extract.pdf_rulings import SNAP_TOLERANCE, Line

# A rectangle (left, bottom, right, top) in page space, y growing upwards.
Box = tuple[float, float, float, float]
Point = tuple[float, float]


def find_cells(horizontal: list[Line], vertical: list[Line]) -> list[Box]:
    """The smallest rectangles whose four sides are drawn."""
    crossings, xs_on, ys_on = _crossings(horizontal, vertical)
    cells = []
    for (x, y), (h_line, v_line) in crossings.items():
        xs, ys = xs_on[h_line], ys_on[v_line]  # sorted
        rights = xs[bisect.bisect_right(xs, x):]
        downs = ys[:bisect.bisect_left(ys, y)][::-1]
        cell = _smallest_cell(crossings, x, y, rights, downs)
        if cell is not None:
            cells.append(cell)
    return cells


def group_into_tables(cells: list[Box]) -> list[list[Box]]:
    """Cells grouped into tables: two cells sharing a corner are in the same table."""
    parent = list(range(len(cells)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    first_at: dict[Point, int] = {}
    for index, (left, bottom, right, top) in enumerate(cells):
        for corner in ((left, bottom), (left, top), (right, bottom), (right, top)):
            other = first_at.setdefault(corner, index)
            parent[root(index)] = root(other)
    groups: dict[int, list[Box]] = defaultdict(list)
    for index, cell in enumerate(cells):
        groups[root(index)].append(cell)
    return list(groups.values())


def _smallest_cell(crossings, x: float, y: float, rights, downs) -> Box | None:
    for x2 in rights:
        right_line = crossings[(x2, y)][1]
        for y2 in downs:
            corner = crossings.get((x2, y2))
            if corner is None or corner[1] != right_line:
                continue
            # The bottom side is drawn if the bottom corners are on the same horizontal line.
            if corner[0] == crossings[(x, y2)][0]:
                return (x, y2, x2, y)
    return None


def _crossings(horizontal: list[Line], vertical: list[Line]):
    """Where lines cross: point -> (horizontal index, vertical index), and the points on each."""
    by_x = sorted(range(len(vertical)), key=lambda index: vertical[index].at)
    xs = [vertical[index].at for index in by_x]
    crossings: dict[Point, tuple[int, int]] = {}
    xs_on: dict[int, list[float]] = defaultdict(list)
    ys_on: dict[int, list[float]] = defaultdict(list)
    tolerance = SNAP_TOLERANCE
    for h_index, h in enumerate(horizontal):
        first = bisect.bisect_left(xs, h.start - tolerance)
        last = bisect.bisect_right(xs, h.end + tolerance)
        for v_index in by_x[first:last]:
            v = vertical[v_index]
            point = (v.at, h.at)
            if v.start - tolerance <= h.at <= v.end + tolerance and point not in crossings:
                crossings[point] = (h_index, v_index)
                xs_on[h_index].append(v.at)
                ys_on[v_index].append(h.at)
    for values in (*xs_on.values(), *ys_on.values()):
        values.sort()
    return crossings, xs_on, ys_on
