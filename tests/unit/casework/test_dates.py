"""The one reader of written dates: UK forms, day first, two-digit years read sensibly."""

import datetime

from casework.dates import find_dates
from casework.publication import identifiers_of_case
from vocabulary import IdentifierKind


def test_dates_in_uk_forms_resolved_and_relative_or_partial_ones_skipped():
    text = ("3 March 2026, 03/03/2026, 3rd of March, 2026, March 4, 2026, 2026-03-05, "
            "6.3.2026, 7/3/26, Tue 8 Mar 2026; not 31/02/2026, March 2026, 2026, last "
            "Tuesday, section 3.1.12 or version 1-2-26.")
    assert [(text[m.start:m.end], m.date) for m in find_dates(text)] == [
        ("3 March 2026", datetime.date(2026, 3, 3)),
        ("03/03/2026", datetime.date(2026, 3, 3)),
        ("3rd of March, 2026", datetime.date(2026, 3, 3)),
        ("March 4, 2026", datetime.date(2026, 3, 4)),
        ("2026-03-05", datetime.date(2026, 3, 5)),
        ("6.3.2026", datetime.date(2026, 3, 6)),
        ("7/3/26", datetime.date(2026, 3, 7)),
        ("8 Mar 2026", datetime.date(2026, 3, 8)),
    ]


def test_a_two_digit_year_is_never_far_ahead_and_a_birth_never_ahead_at_all():
    # The pipeline used to read "03/03/50" as 2050, and publication as 1950.
    this_year = datetime.date.today().year
    ahead, beyond = (this_year + 10) % 100, (this_year + 11) % 100
    assert [m.date.year for m in find_dates(f"03/03/50, 1/6/{ahead:02d}, 1/6/{beyond:02d}")] == [
        1950, this_year + 10, this_year + 11 - 100]
    next_year = (this_year + 1) % 100
    assert [m.date.year for m in find_dates(f"1/6/{next_year:02d}", births=True)] == [
        this_year + 1 - 100]


def test_dates_of_birth_are_read_by_the_same_reader():
    found = identifiers_of_case(texts=["DOB 03.03.50; born on 4th of April, 1951; version 1.2.50"])
    assert [(i.kind, i.value) for i in found] == [
        (IdentifierKind.DATE_OF_BIRTH, "1950-03-03"), (IdentifierKind.DATE_OF_BIRTH, "1951-04-04")]


def test_no_birth_is_in_the_future():
    next_year = datetime.date.today().year + 1
    assert find_dates(f"3 March {next_year}", births=True) == []
    assert [m.date.year for m in find_dates(f"3 March {next_year}")] == [next_year]
