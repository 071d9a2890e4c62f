"""A figure: a titled table of numbers with a sentence that says what it shows, the columns
a chart draws, and its CSV. The page, the API, the CSV and the report all read this one shape.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from casework.formats import pounds, spreadsheet_cell


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    # How a value reads: "text", "count", "percent" (a fraction), "pence", "days".
    kind: str = "count"

    @property
    def numeric(self) -> bool:
        return self.kind != "text"

    def shown(self, value: object) -> str:
        """The value as a person reads it; a dash for no value."""
        if value is None:
            return "–"
        if self.kind == "percent":
            return f"{value:.0%}"
        if self.kind == "pence":
            return pounds(value)
        if self.kind == "days":
            return f"{value:g} days"
        return f"{value:,}" if isinstance(value, int) else str(value)

    def charted(self, value: object) -> float:
        """The value as a bar's length: pounds, not pence; percent, not a fraction."""
        if value is None:
            return 0.0
        if self.kind == "pence":
            return value / 100
        return value * 100 if self.kind == "percent" else float(value)

    def plain(self, value: object) -> str:
        """The value as a spreadsheet cell: no symbols, fractions to three places."""
        if value is None:
            return ""
        if self.kind == "percent":
            return f"{value:.3f}"
        return spreadsheet_cell(value) if isinstance(value, str) else str(value)


@dataclass(frozen=True)
class Figure:
    name: str  # its address, and its CSV's name
    title: str
    summary: str  # what it shows in a sentence or two: the chart's text alternative
    columns: tuple[Column, ...]  # the first names the row
    rows: tuple[tuple, ...]
    # The columns drawn as bars, by key; stacked when they add up to a whole.
    bars: tuple[str, ...] = ()
    stacked: bool = False
    available: bool = True
    notes: tuple[str, ...] = field(default=())

    def column(self, key: str) -> Column:
        return next(column for column in self.columns if column.key == key)

    def series(self, key: str) -> list[float]:
        """The bar lengths of the column `key`, a row each."""
        index = [column.key for column in self.columns].index(key)
        return [self.columns[index].charted(row[index]) for row in self.rows]

    def as_dicts(self) -> list[dict]:
        return [dict(zip((c.key for c in self.columns), row, strict=True))
                for row in self.rows]


def figure_csv(figure: Figure) -> str:
    """The figure's table as CSV, one row a line, headed by the column keys."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([column.key for column in figure.columns])
    for row in figure.rows:
        writer.writerow([column.plain(value)
                         for column, value in zip(figure.columns, row, strict=True)])
    return out.getvalue()


def rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def percentile(values: list[float], fraction: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least `fraction` of the
    values at or below it, so it is always one of the values (a median of 10 and 20 is 10)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]
