"""Identifiers found by their shape: NHS numbers, emails, UK phone numbers and postcodes."""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.publication import is_valid_nhs_number
from worker.nlp.spans import Span

NHS_NUMBER = "NHS_NUMBER"
EMAIL = "EMAIL"
PHONE = "PHONE"
POSTCODE = "POSTCODE"

# Ten digits, run together or grouped 3-3-4 by spaces or dashes, not part of a longer number.
_NHS_NUMBER = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d-])")

_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)

# A UK number: +44, 0044 or a trunk 0, then ten digits grouped by spaces, dashes or brackets
# around the area code. Digit counts and leading digits are checked after matching.
_PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[ ]?(?:\(0\)[ ]?)?|\(?0)"
    r"\d(?:(?:[ -]|\)[ ]?)?\d){8,9}(?!\d)"
)
# Geographic (01, 02), non-geographic (03), mobile (07) and freephone or special rate (08).
_PHONE_FIRST_DIGITS = frozenset("12378")

# The published postcode format: an outward code (A9, A99, AA9, AA99, A9A or AA9A, with the
# letters each position allows) and an inward code (9AA), with or without a space. GIR 0AA is
# the one historic exception.
_POSTCODE = re.compile(
    r"\b(?:GIR ?0AA|"
    r"(?:[A-PR-UWYZ](?:\d[A-HJKPS-UW]?|\d\d|[A-HK-Y]\d[ABEHMNPRV-Y]?|[A-HK-Y]\d\d?))"
    r" ?\d[ABD-HJLNP-UW-Z]{2})\b",
    re.IGNORECASE,
)


def find_nhs_numbers(text: str) -> Iterator[Span]:
    """NHS numbers whose check digit is right; other ten-digit numbers are not reported."""
    for match in _NHS_NUMBER.finditer(text):
        digits = "".join(match.groups())
        if is_valid_nhs_number(digits):
            yield Span(NHS_NUMBER, match.start(), match.end(), digits)


def find_emails(text: str) -> Iterator[Span]:
    """Email addresses; the value is the address in lower case."""
    for match in _EMAIL.finditer(text):
        yield Span(EMAIL, match.start(), match.end(), match.group().lower())


def find_phone_numbers(text: str) -> Iterator[Span]:
    """UK landline and mobile numbers; the value is the international form, +44 then digits."""
    for match in _PHONE.finditer(text):
        written = match.group()
        if written.count("(") != written.count(")"):
            continue
        digits = re.sub(r"\D", "", written)
        if written.startswith(("+44", "0044")):
            national = digits[4 if written.startswith("0044") else 2:]
            # "+44 (0)20 ..." writes the trunk zero that international dialling drops.
            if "(0)" in written:
                national = national[1:]
        else:
            national = digits[1:]
        if len(national) == 10 and national[0] in _PHONE_FIRST_DIGITS:
            yield Span(PHONE, match.start(), match.end(), "+44" + national)


def find_postcodes(text: str) -> Iterator[Span]:
    """UK postcodes in any case; the value is upper case with one space before the inward code."""
    for match in _POSTCODE.finditer(text):
        compact = match.group().replace(" ", "").upper()
        yield Span(POSTCODE, match.start(), match.end(), f"{compact[:-3]} {compact[-3:]}")


def find_identifiers(text: str) -> list[Span]:
    """Every NHS number, email, phone number and postcode in `text`, possibly overlapping."""
    return [
        *find_nhs_numbers(text), *find_emails(text), *find_phone_numbers(text),
        *find_postcodes(text),
    ]
