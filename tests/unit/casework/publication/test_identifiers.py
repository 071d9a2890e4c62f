"""Identifiers found by their shape, each with honest offsets and its normal form: the one set
the pipeline's entities and publication share."""

import pytest

from casework.publication import find_written_identifiers, is_valid_nhs_number
from vocabulary import IdentifierKind


def finder_of(kind):
    return lambda text: [w for w in find_written_identifiers(text) if w.kind is kind]


find_nhs_numbers = finder_of(IdentifierKind.NHS_NUMBER)
find_emails = finder_of(IdentifierKind.EMAIL)
find_phone_numbers = finder_of(IdentifierKind.PHONE)
find_postcodes = finder_of(IdentifierKind.POSTCODE)


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


def test_one_normal_form_for_the_pipeline_and_for_publication():
    # The two used to disagree: the pipeline stored +447700900123, publication 7700900123.
    from casework.publication import identifiers_of_case
    from storage.models import EvidenceEntity

    text = "Call 07700 900123 about 943\u00a0476\u00a05919 at nt1 1aa."
    assert [(w.kind, w.value) for w in find_written_identifiers(text)] == [
        (IdentifierKind.NHS_NUMBER, "9434765919"),
        (IdentifierKind.PHONE, "+447700900123"),
        (IdentifierKind.POSTCODE, "NT1 1AA"),
    ]
    entity = EvidenceEntity(label="PHONE", text="+44 (0)7700 900123", value="+447700900123")
    from_text = {(i.kind, i.value) for i in identifiers_of_case(texts=[text])}
    from_entity = {(i.kind, i.value) for i in identifiers_of_case(entities=[entity])}
    assert (IdentifierKind.PHONE, "+447700900123") in from_text & from_entity
    # The sweep of text to be published takes capitals only: "B4 2nd" is no postcode there.
    assert (IdentifierKind.POSTCODE, "NT1 1AA") not in from_text
