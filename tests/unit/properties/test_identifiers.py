"""Identifiers (casework.publication) as the pipeline records them (worker.nlp.entities):
NHS numbers, UK phone numbers, postcodes and emails, found however they are written."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from casework.publication import find_written_identifiers, is_valid_nhs_number
from tests.unit.properties.strategies import (
    emails,
    first_nine_digits,
    nhs_check_digit,
    postcodes,
    texts,
    written_nhs_numbers,
    written_phone_numbers,
)
from vocabulary import IdentifierKind
from worker.nlp.entities import find_pattern_spans

CONTEXTS = ["{}", "NHS no. {}.", "({})", "Call {} today", "tel: {}\n", "{}, said Mrs B"]


def found(kind: IdentifierKind, text: str) -> list[str]:
    return [written.value for written in find_written_identifiers(text) if written.kind is kind]


@settings(max_examples=300)
@given(st.text(max_size=12))
@example("²123456789")  # "²" is a digit to str.isdigit, not to int(): it raised ValueError
def test_the_nhs_number_check_answers_for_any_text(text):
    assert is_valid_nhs_number(text) in {True, False}


@settings(max_examples=300)
@given(first_nine_digits)
def test_an_nhs_number_is_valid_with_its_check_digit_and_no_other(first_nine):
    check = nhs_check_digit(first_nine)
    assert is_valid_nhs_number(first_nine + str(check))
    for other in set("0123456789") - {str(check)}:
        assert not is_valid_nhs_number(first_nine + other)


@settings(max_examples=300)
@given(written_nhs_numbers(), st.sampled_from(CONTEXTS))
def test_a_written_nhs_number_is_found_as_its_ten_digits(nhs_number, context):
    digits, written = nhs_number
    assert found(IdentifierKind.NHS_NUMBER, context.format(written)) == [digits]


@settings(max_examples=300)
@given(written_phone_numbers(), st.sampled_from(CONTEXTS))
# In brackets, the opening one was read as the number's: unbalanced, the number was dropped,
# neither recorded nor removed from a published text.
@example(("+441632960123", "01632 960 123"), "({})")
def test_a_written_uk_phone_number_is_found_in_its_normal_form(phone, context):
    normal, written = phone
    assert found(IdentifierKind.PHONE, context.format(written)) == [normal]


@settings(max_examples=300)
@given(postcodes, st.sampled_from(["", " ", "\u00a0"]), st.booleans(),
       st.sampled_from(["{}", "Lives at {}, near", "({})", "Postcode: {}\n"]))
def test_a_written_postcode_is_found_in_capitals_with_one_space(postcode, gap, lower, context):
    written = postcode.replace(" ", gap)
    text = context.format(written.lower() if lower else written)
    assert found(IdentifierKind.POSTCODE, text) == [postcode]


@settings(max_examples=150)
@given(emails, st.booleans(), st.sampled_from(["{}", "Write to {}.", "<{}>", "({}), or",
                                               "email: {}\n"]))
def test_a_written_email_is_found_in_lower_case(email, upper, context):
    text = context.format(email.upper() if upper else email)
    assert found(IdentifierKind.EMAIL, text) == [email]


@settings(max_examples=400)
@given(texts)
def test_any_text_gives_identifiers_that_read_alone_as_the_same(text):
    for written in find_written_identifiers(text):
        assert 0 <= written.start < written.end <= len(text)
        alone = text[written.start:written.end]
        assert written.value in found(written.kind, alone), (written, alone)


@settings(max_examples=300)
@given(texts)
def test_the_pipelines_patterns_take_any_text_and_never_overlap(text):
    spans = find_pattern_spans(text)
    for before, after in zip(spans, spans[1:], strict=False):
        assert before.end <= after.start
    for span in spans:
        assert 0 <= span.start < span.end <= len(text)
