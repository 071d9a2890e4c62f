"""Dates asked for as the GOV.UK date input pattern asks: day, month and year in three boxes,
read as one date, with the pattern's messages when they do not make one."""

from __future__ import annotations

import re
from datetime import date

from wtforms import Field
from wtforms.utils import unset_value

PARTS = ("day", "month", "year")
_NUMBER = re.compile(r"[0-9]{1,4}")


class DateInputError(ValueError):
    """The boxes do not make a date: `message` says why, `parts` which boxes to mark."""

    def __init__(self, message: str, parts: tuple[str, ...]) -> None:
        super().__init__(message)
        self.message = message
        self.parts = parts


def parse_date_parts(label: str, day: str, month: str, year: str) -> date | None:
    """The date in the three boxes; None when all are empty. `label` begins the messages,
    as in "Due date must include a month"."""
    values = {"day": day.strip(), "month": month.strip(), "year": year.strip()}
    if not any(values.values()):
        return None
    missing = tuple(part for part in PARTS if not values[part])
    if missing:
        raise DateInputError(f"{label} must include a {' and '.join(missing)}", missing)
    wrong = tuple(part for part in PARTS if not _NUMBER.fullmatch(values[part]))
    if wrong:
        raise DateInputError(f"{label} must be a real date", wrong)
    if len(values["year"]) != 4:
        raise DateInputError("Year must include 4 numbers", ("year",))
    try:
        return date(int(values["year"]), int(values["month"]), int(values["day"]))
    except ValueError:
        raise DateInputError(f"{label} must be a real date", PARTS) from None


def read_date(formdata, name: str, label: str) -> date | None:
    """The date sent as `name`-day, `name`-month and `name`-year; raises DateInputError."""
    return parse_date_parts(label, *(formdata.get(f"{name}-{part}", "") for part in PARTS))


class DateInputField(Field):
    """A date in three boxes (macros/forms.html `date_input`); None when all are left empty.

    `parts` keeps what was typed, to show again beside its error; `error_parts` names the
    boxes the error is about.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.parts = dict.fromkeys(PARTS, "")
        self.error_parts: tuple[str, ...] = ()

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.process_errors = []
        if data is unset_value:
            data = self.default() if callable(self.default) else self.default
        self.object_data = self.data = data
        if data:
            self.parts = {"day": str(data.day), "month": str(data.month),
                          "year": str(data.year)}
        if formdata is None or not any(f"{self.name}-{part}" in formdata for part in PARTS):
            return
        self.parts = {part: formdata.get(f"{self.name}-{part}", "") for part in PARTS}
        self.raw_data = [" ".join(self.parts.values()).strip()]
        try:
            self.data = read_date(formdata, self.name, self.label.text)
        except DateInputError as error:
            self.data = None
            self.error_parts = error.parts
            self.process_errors.append(error.message)
