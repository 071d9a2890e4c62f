"""What the figures are about: the decisions issued in a period, for one organisation or all,
for one theme or all; and the quarters they fall in."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from casework.errors import ValidationFailed
from casework.formats import OFFICE_TIME_ZONE, uk_date

# The dashboard opens on the last six quarters: long enough to see a trend, short enough
# that each quarter still describes how the office works now.
DEFAULT_QUARTERS = 6


@dataclass(frozen=True)
class InsightFilter:
    """Decisions issued from `start` to `end` (office dates, both days included)."""

    start: date
    end: date
    organisation_id: int | None = None
    theme: str | None = None

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValidationFailed("The end of the period must not be before its start",
                                   field="to")

    @property
    def start_moment(self) -> datetime:
        """The first moment of the period in UTC, as issue times are stored."""
        return _office_midnight(self.start)

    @property
    def end_moment(self) -> datetime:
        """The first moment after the period, in UTC."""
        return _office_midnight(self.end + timedelta(days=1))

    @property
    def described(self) -> str:
        return f"{uk_date(self.start)} to {uk_date(self.end)}"


def _office_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), OFFICE_TIME_ZONE).astimezone(UTC)


def quarter_start(day: date) -> date:
    return date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)


def default_filter(today: date, organisation_id: int | None = None,
                   theme: str | None = None) -> InsightFilter:
    """The last DEFAULT_QUARTERS quarters, this one included, up to `today`."""
    start = quarter_start(today)
    for _ in range(DEFAULT_QUARTERS - 1):
        start = quarter_start(start - timedelta(days=1))
    return InsightFilter(start, today, organisation_id, theme)


def period_filter(today: date, start: date | None = None, end: date | None = None,
                  organisation_id: int | None = None, theme: str | None = None,
                  themes: Collection[str] = ()) -> InsightFilter:
    """The period asked for; a side left out is the default period's. A theme must be one
    of `themes` (the taxonomy's slugs): figures said to be of a theme must be of it."""
    default = default_filter(today)
    theme = (theme or "").strip() or None
    if theme is not None and theme not in themes:
        raise ValidationFailed(f"There is no theme {theme!r}: choose one of the themes",
                               field="theme")
    return InsightFilter(start or default.start, end or default.end, organisation_id, theme)


def quarter_label(year: int, month: int) -> str:
    """'2026 Q1' for any month of January to March 2026."""
    return f"{year} Q{(month - 1) // 3 + 1}"


def quarters_between(start: date, end: date) -> list[str]:
    """The labels of every quarter the period touches, in order: a quarter with nothing in it
    still has its row, so a chart's gaps are real."""
    labels, day = [], quarter_start(start)
    while day <= end:
        labels.append(quarter_label(day.year, day.month))
        day = quarter_start(day + timedelta(days=92))
    return labels
