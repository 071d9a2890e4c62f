"""Identifiers, sums of money and dates found by their shape, each with honest offsets."""

import datetime

import pytest

from worker.nlp.dates import find_dates
from worker.nlp.identifiers import (
    find_emails,
    find_nhs_numbers,
    find_phone_numbers,
    find_postcodes,
    is_valid_nhs_number,
)
from worker.nlp.money import find_money
from worker.nlp.spans import Span, without_overlaps


def found(finder, text):
    """(written text, value) for every hit, checking each span points at what it reports."""
    return [(text[span.start:span.end], span.value) for span in finder(text)]


@pytest.mark.parametrize("number", ["9434765919", "4010232137", "9876543210"])
def test_nhs_numbers_with_a_correct_check_digit_are_valid(number):
    assert is_valid_nhs_number(number)


@pytest.mark.parametrize("number", [
    "9434765918",   # check digit should be 9
    "9434765910",
    "1234567890",   # the remainder gives 10: never issued
    "0000000000",   # passes the arithmetic, but is a placeholder
    "943476591",    # nine digits
    "94347659190",  # eleven
])
def test_nhs_numbers_with_a_wrong_check_digit_or_length_are_not(number):
    assert not is_valid_nhs_number(number)


def test_nhs_numbers_found_spaced_dashed_or_run_together_and_others_ignored():
    text = ("NHS No: 943 476 5919. Also 943-476-5919 and 9434765919. "
            "Not 943 476 5918, not 1234567890, not part of 19434765919 or 9434765919-2.")
    assert found(find_nhs_numbers, text) == [
        ("943 476 5919", "9434765919"),
        ("943-476-5919", "9434765919"),
        ("9434765919", "9434765919"),
    ]


def test_money_in_pounds_valued_in_pence():
    text = ("Fees of £1,250.00 and £50, a refund of 1,250 pounds, GBP 300, £1.5 million, "
            "£20k and 75 pence; not 1,250 on its own or $40.")
    assert sorted(found(find_money, text), key=lambda hit: text.index(hit[0])) == [
        ("£1,250.00", "125000"),
        ("£50", "5000"),
        ("1,250 pounds", "125000"),
        ("GBP 300", "30000"),
        ("£1.5 million", "150000000"),
        ("£20k", "2000000"),
        ("75 pence", "75"),
    ]


def test_emails_in_lower_case():
    text = "Write to Jane.Doe@Example.NHS.uk or complaints@northtown.example.org."
    assert found(find_emails, text) == [
        ("Jane.Doe@Example.NHS.uk", "jane.doe@example.nhs.uk"),
        ("complaints@northtown.example.org", "complaints@northtown.example.org"),
    ]


def test_uk_phone_numbers_landline_and_mobile_in_both_forms():
    text = ("Call 01632 960001, 020 7946 0018, +44 (0)20 7946 0019, (01632) 960 002, "
            "07700 900123, +447700900124 or 0044 7700 900125. Not 01632 96000 (too short) "
            "or 05632 960001 (no such range).")
    assert found(find_phone_numbers, text) == [
        ("01632 960001", "+441632960001"),
        ("020 7946 0018", "+442079460018"),
        ("+44 (0)20 7946 0019", "+442079460019"),
        ("(01632) 960 002", "+441632960002"),
        ("07700 900123", "+447700900123"),
        ("+447700900124", "+447700900124"),
        ("0044 7700 900125", "+447700900125"),
    ]


def test_postcodes_in_the_official_format_any_case_with_or_without_space():
    text = "At SW1A 1AA, nt1 1aa, M11AE, B33 8TH and GIR 0AA; not QX1 1AA, ZZ 1AA or B33 8CI."
    assert found(find_postcodes, text) == [
        ("SW1A 1AA", "SW1A 1AA"),
        ("nt1 1aa", "NT1 1AA"),
        ("M11AE", "M1 1AE"),
        ("B33 8TH", "B33 8TH"),
        ("GIR 0AA", "GIR 0AA"),
    ]


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


def test_the_longest_of_overlapping_spans_is_kept():
    spans = [Span("A", 0, 4), Span("B", 2, 10), Span("C", 10, 12), Span("D", 11, 12)]
    assert without_overlaps(spans) == [Span("B", 2, 10), Span("C", 10, 12)]
