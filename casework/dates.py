"""Calendar dates as UK documents write them, found in text and resolved to `datetime.date`.

The one reader of written dates: the pipeline's entities and chronology use it, and so does
publication, for dates of birth. Only full dates resolve: day, month and year. Bare months
("March 2026"), bare years and relative dates ("last Tuesday") are left alone, because a
chronology cannot place them. Numeric dates are read day first, as a UK writer means them.

A two-digit year is the latest that is not too far ahead: within ten years of now for an
event (a review "by 1/6/27"), not after today for a birth: no birth is in the future.
"03/03/50" is 1950 either way. (Read again in a later year, a date near that edge can move by
a century; a fixed pivot would move nothing but read "03/03/50" as 2050.)
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from casework.formats import office_today

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december")
# A month written short: its first three letters, and "Sept".
MONTHS = {name[:3]: number for number, name in enumerate(MONTH_NAMES, start=1)}
MONTH_WORDS = frozenset({*MONTH_NAMES, *MONTHS, "sept"})
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

# After a label that says a birth follows ("DOB 03.03.50"), two-digit years with dots or
# dashes are dates too.
_SHORT_YEAR_ANY_SEPARATOR = re.compile(
    r"(?<![\d/.-])(?P<day>[0-3]?\d)(?P<sep>[/.-])(?P<month>[01]?\d)(?P=sep)(?P<year>\d{2})"
    r"(?![\d/-]|\.\d)"
)

# Dates outside this range are more likely reference numbers than events in a case.
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100
# How far ahead a two-digit year may be read for an event: a deadline, a review.
YEARS_AHEAD = 10


@dataclass(frozen=True)
class DateMention:
    """A resolved date and where it was written: `text[start:end]` is the mention."""

    start: int
    end: int
    date: datetime.date


def _resolve(match: re.Match[str], latest: datetime.date) -> datetime.date | None:
    month_text = match["month"]
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text[:3].lower()]
    day = int(match["day"])
    year = int(match["year"])
    if len(match["year"]) == 2:
        # The latest year with these two digits whose date is not after `latest`: "04/12/26"
        # read as a birth on 3 December 2026 is 1926, not a birth tomorrow.
        year += latest.year - latest.year % 100
        if (year, month, day) > (latest.year, latest.month, latest.day):
            year -= 100
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:  # 31 February and the like
        return None


def find_dates(text: str, *, births: bool = False) -> list[DateMention]:
    """Every resolvable calendar date in `text`, in order, none overlapping another.

    `births` reads the dates as dates of birth: never in the future, and written as a form's
    field writes them.
    """
    today = office_today()
    latest = today if births else datetime.date(today.year + YEARS_AHEAD, 12, 31)
    patterns = (*_PATTERNS, _SHORT_YEAR_ANY_SEPARATOR) if births else _PATTERNS
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            resolved = _resolve(match, latest)
            if resolved is not None and not (births and resolved > today):
                found.append(DateMention(match.start(), match.end(), resolved))
    # Where two readings overlap, the longer one took in more of what was written.
    found.sort(key=lambda mention: (mention.start, mention.start - mention.end))
    mentions: list[DateMention] = []
    for mention in found:
        if not mentions or mention.start >= mentions[-1].end:
            mentions.append(mention)
    return mentions

