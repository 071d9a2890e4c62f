"""The formats people read: dates as the office in London sees the day, money in pounds."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

# Decisions and letters are dated as the ombudsman's office sees the day, not as UTC does:
# in British Summer Time the two differ for the first hour after midnight.
OFFICE_TIME_ZONE = ZoneInfo("Europe/London")


def office_today() -> date:
    """Today, in the office."""
    return datetime.now(OFFICE_TIME_ZONE).date()


def office_date(moment: datetime) -> date:
    """The office's date at `moment`, a time stored in UTC (naive means UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(OFFICE_TIME_ZONE).date()


def uk_date(value: date) -> str:
    """'3 March 2026': the form letters use; a stored time gives the office's date."""
    if isinstance(value, datetime):
        value = office_date(value)
    return f"{value.day} {value:%B %Y}"


def pounds(pence: int) -> str:
    """'£1,250.00' from 125000 pence."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}£{whole:,}.{part:02d}"


def uk_moment(moment: datetime) -> str:
    """'3 March 2026, 14:05': a stored time (naive means UTC) on the office's clock."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(OFFICE_TIME_ZONE)
    return f"{uk_date(local.date())}, {local:%H:%M}"


def spreadsheet_cell(value: str) -> str:
    """`value` made safe for a CSV cell: one starting with = + - @ would run as a formula in
    spreadsheet programs, so it is quoted with an apostrophe."""
    return "'" + value if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value
