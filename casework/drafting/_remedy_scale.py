"""The remedy scale (severity levels and payment bands) and default deadlines, from a file.

The scale is configuration, not code: each ombudsman publishes its own.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from casework.drafting._config_files import read_toml
from casework.formats import pounds
from vocabulary import RecommendationKind

DEFAULT_SCALE = Path(__file__).parent / "remedy_scales" / "psow.toml"


class ScaleError(ValueError):
    """The remedy scale file is missing something or contradicts itself."""


@dataclass(frozen=True)
class SeverityLevel:
    level: int
    description: str
    min_pence: int
    max_pence: int

    @property
    def band(self) -> str:
        return f"{pounds(self.min_pence)} to {pounds(self.max_pence)}"

    def contains(self, amount_pence: int) -> bool:
        return self.min_pence <= amount_pence <= self.max_pence


@dataclass(frozen=True)
class RemedyScale:
    name: str
    levels: tuple[SeverityLevel, ...]
    deadline_months: dict[str, int]

    def level(self, number: int) -> SeverityLevel | None:
        return next((level for level in self.levels if level.level == number), None)

    def default_due_date(self, kind: str, decided_on: date) -> date:
        """The decision's date plus the kind's months, on the same day of the month or the
        month's last day (31 January + 1 month is 28 or 29 February)."""
        months = decided_on.month - 1 + self.deadline_months[kind]
        year, month = decided_on.year + months // 12, months % 12 + 1
        return date(year, month, min(decided_on.day, calendar.monthrange(year, month)[1]))


def load_scale(path: Path = DEFAULT_SCALE) -> RemedyScale:
    """Read and check a scale file; ScaleError names what is wrong."""
    data = read_toml(path, "remedy scale", ScaleError)
    try:
        levels = tuple(
            SeverityLevel(int(item["level"]), str(item["description"]),
                          int(item["min_pence"]), int(item["max_pence"]))
            for item in data["levels"]
        )
        deadlines = {kind: int(data["deadline_months"][kind])
                     for kind in RecommendationKind.values()}
        name = str(data["name"])
    except (KeyError, TypeError, ValueError) as error:
        raise ScaleError(f"the remedy scale {path} lacks or misstates {error}") from None
    for level in levels:
        if not 0 < level.min_pence <= level.max_pence:
            raise ScaleError(f"level {level.level} of {path} has an empty or negative band")
    if len({level.level for level in levels}) != len(levels):
        raise ScaleError(f"the remedy scale {path} names a level twice")
    return RemedyScale(name, levels, deadlines)
