"""The forms an investigator adds or corrects a chronology event with."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import IntegerField, TextAreaField
from wtforms.validators import DataRequired, StopValidation

from casework.evidence import LONGEST_WRITTEN_EVENT
from web.date_input import DateInputField
from web.forms import MAX_PAGE


class _OneMessageEach:
    """A field with one message for a value left out and one for a value it cannot read, in
    place of WTForms' own ("Not a valid date value"), which say neither what nor how."""

    missing = wrong = ""

    def pre_validate(self, form) -> None:
        unreadable = bool(self.errors)
        self.errors.clear()
        if not (self.raw_data and self.raw_data[0].strip()):
            raise StopValidation(self.missing)
        if unreadable or not self.readable():
            raise StopValidation(self.wrong)

    def readable(self) -> bool:
        return True


class EventDate(DateInputField):
    """The event's day, month and year (the GOV.UK date input), which must be given."""

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(label, description="For example, 6 3 2025", **kwargs)

    def pre_validate(self, form) -> None:
        if self.data is None and not self.process_errors:
            raise StopValidation("Enter the date of the event")


class PageNumber(_OneMessageEach, IntegerField):
    def __init__(self, label: str, *, missing: str, wrong: str, **kwargs) -> None:
        super().__init__(label, **kwargs)
        self.missing, self.wrong = missing, wrong

    def readable(self) -> bool:
        return 1 <= self.data <= MAX_PAGE


class CorrectEventForm(FlaskForm):
    date = EventDate("Date")
    text = TextAreaField(
        "What happened", description=f"Up to {LONGEST_WRITTEN_EVENT} characters",
        validators=[DataRequired("Enter what happened")])


class NewEventForm(CorrectEventForm):
    evidence_number = PageNumber(
        "Evidence number", description="The number of the file that tells it, as in "
        "“Evidence 3”", missing="Enter the evidence number",
        wrong="The evidence number must be a whole number, like 3")
    page = PageNumber("Page", missing="Enter the page the event is told on",
                      wrong="The page must be a whole number, like 1")
