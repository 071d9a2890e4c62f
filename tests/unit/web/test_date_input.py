"""Dates in three boxes, read as the GOV.UK date input pattern reads them."""

from datetime import date

import pytest
from werkzeug.datastructures import MultiDict
from wtforms import Form

from web.date_input import DateInputError, DateInputField, parse_date_parts


def test_three_boxes_make_a_date_and_empty_boxes_make_none():
    assert parse_date_parts("Due date", " 15", "1 ", "2027") == date(2027, 1, 15)
    assert parse_date_parts("Due date", "05", "09", "2027") == date(2027, 9, 5)
    assert parse_date_parts("Due date", "", " ", "") is None


@pytest.mark.parametrize(("day", "month", "year", "message", "parts"), [
    ("15", "", "2027", "Due date must include a month", ("month",)),
    ("", "", "2027", "Due date must include a day and month", ("day", "month")),
    ("15", "1", "", "Due date must include a year", ("year",)),
    ("31", "2", "2027", "Due date must be a real date", ("day", "month", "year")),
    ("15", "Jan", "2027", "Due date must be a real date", ("month",)),
    ("15/01/2027", "", "", "Due date must include a month and year", ("month", "year")),
    ("15", "1", "27", "Year must include 4 numbers", ("year",)),
])
def test_boxes_that_make_no_date_say_why_and_which(day, month, year, message, parts):
    with pytest.raises(DateInputError) as refused:
        parse_date_parts("Due date", day, month, year)
    assert (refused.value.message, refused.value.parts) == (message, parts)


class DueForm(Form):
    due_date = DateInputField("Due date")


def test_the_field_keeps_what_was_typed_beside_its_error():
    form = DueForm(MultiDict({"due_date-day": "31", "due_date-month": "2",
                              "due_date-year": "2027"}))
    assert not form.validate()
    assert form.due_date.errors == ["Due date must be a real date"]
    assert form.due_date.parts == {"day": "31", "month": "2", "year": "2027"}
    assert form.due_date.data is None


def test_the_field_shows_a_stored_date_and_reads_a_sent_one():
    assert DueForm(data={"due_date": date(2027, 3, 4)}).due_date.parts == {
        "day": "4", "month": "3", "year": "2027"}
    form = DueForm(MultiDict({"due_date-day": "4", "due_date-month": "3",
                              "due_date-year": "2027"}))
    assert form.validate() and form.due_date.data == date(2027, 3, 4)
    assert DueForm(MultiDict()).validate()  # left empty: no date
