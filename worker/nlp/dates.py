"""Calendar dates as UK documents write them, found in text and resolved to `datetime.date`.

Only full dates resolve: day, month and year. Bare months ("March 2026"), bare years and
relative dates ("last Tuesday") are left alone, because a chronology cannot place them.
Numeric dates are read day first, as a UK writer means them.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"

# Each written form is its own pattern: Python's re allows a group name only once.
_PATTERNS = (
    # 3 March 2026, 3rd of March, 2026, 03 Mar 2026
    re.compile(rf"\b{_DAY}(?:\s+of)?\s+{_MONTH},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    # March 3, 2026, March 3rd 2026
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(?P<year>\d{{4}})\b", re.IGNORECASE),
    # 03/03/2026, 3-3-2026, 03.03.2026, and 03/03/26 (two-digit years with slashes only:
    # dotted and dashed triples of small numbers are more often section or version numbers)
    re.compile(
        r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)(?P<year>\d{4})"
        r"(?![\d/-]|\.\d)"
    ),
    re.compile(r"(?<![\d/.-])(?P<day>[0-3]?\d)/(?P<month>[01]?\d)/(?P<year>\d{2})(?![\d/-]|\.\d)"),
    # 2026-03-03
    re.compile(r"(?<![\d-])(?P<year>\d{4})-(?P<month>[01]\d)-(?P<day>[0-3]\d)(?![\d-])"),
)

# Dates outside this range are more likely reference numbers than events in a case.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100


@dataclass(frozen=True)
class DateMention:
    """A resolved date and where it was written: `text[start:end]` is the mention."""

    start: int
    end: int
    date: datetime.date


def _resolve(match: re.Match[str]) -> datetime.date | None:
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text[:3].lower()]
    year = int(match["year"])
    if len(match["year"]) == 2:
        # The convention strptime's %y follows: 69-99 are the 1900s.
        year += 1900 if year >= 69 else 2000
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, int(match["day"]))
    except ValueError:  # 31 February and the like
        return None


def find_dates(text: str) -> list[DateMention]:
    """Every resolvable calendar date in `text`, in order, none overlapping another."""
    found = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            resolved = _resolve(match)
            if resolved is not None:
                found.append(DateMention(match.start(), match.end(), resolved))
    # Where two readings overlap, the longer one took in more of what was written.
    found.sort(key=lambda mention: (mention.start, mention.start - mention.end))
    mentions: list[DateMention] = []
    for mention in found:
        if not mentions or mention.start >= mentions[-1].end:
            mentions.append(mention)
    return mentions

