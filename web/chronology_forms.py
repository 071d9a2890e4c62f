"""The forms an investigator adds or corrects a chronology event with."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, IntegerField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, StopValidation

from casework.evidence import LONGEST_WRITTEN_EVENT
from web.forms import MAX_PAGE


class EventDate(DateField):
    """A date as YYYY-MM-DD, with one message for each way it can be wrong."""

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(label, format="%Y-%m-%d", description="For example, 2025-03-06. Use "
                         "the format YYYY-MM-DD.", **kwargs)

    def pre_validate(self, form) -> None:
        # In place of WTForms' own "Not a valid date value", which says neither.
        wrong = bool(self.errors)
        self.errors.clear()
        if not (self.raw_data and self.raw_data[0].strip()):
            raise StopValidation("Enter the date of the event")
        if wrong:
            raise StopValidation("The date must be a real date, like 2025-03-06")


class CorrectEventForm(FlaskForm):
    date = EventDate("Date")
    text = TextAreaField(
        "What happened", description=f"Up to {LONGEST_WRITTEN_EVENT} characters",
        validators=[DataRequired("Enter what happened")])


class NewEventForm(CorrectEventForm):
    evidence_number = IntegerField(
        "Evidence number", description="The number of the file that tells it, as in "
        "“Evidence 3”", validators=[InputRequired("Enter the evidence number"),
                                    NumberRange(1, MAX_PAGE, "Enter a whole number, like 3")])
    page = IntegerField(
        "Page", validators=[InputRequired("Enter the page the event is told on"),
                            NumberRange(1, MAX_PAGE, "Enter a page number, like 1")])
