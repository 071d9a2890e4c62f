"""Identifiers: NHS numbers, emails, UK phone numbers, postcodes, addresses, dates of birth.

The one set of patterns and normal forms: the evidence pipeline finds the first four on every
page with them (its entities), and publication removes every identifier of a case and checks
the published text for them. Each is kept in its normal form (an NHS number's ten digits, a
phone number as +44 and ten national digits, a postcode in capitals with one space, an email
in lower case, a date of birth as an ISO date) so that it is recognised however it is written:
with other spacing, dashes, +44 or a trunk 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from casework.dates import MONTH_NAMES, find_dates
from casework.names import STREET_WORDS, WORD_AFTER, WORD_BEFORE
from vocabulary import EntityLabel, IdentifierKind

REPLACEMENTS = {
    IdentifierKind.NHS_NUMBER: "[NHS number removed]",
    IdentifierKind.EMAIL: "[email address removed]",
    IdentifierKind.PHONE: "[phone number removed]",
    IdentifierKind.POSTCODE: "[postcode removed]",
    IdentifierKind.ADDRESS: "[address removed]",
    IdentifierKind.DATE_OF_BIRTH: "[date of birth removed]",
    IdentifierKind.OTHER: "[identifier removed]",
}

# The identifiers the evidence pipeline records as entities, and their entity labels.
ENTITY_LABELS = {
    IdentifierKind.NHS_NUMBER: EntityLabel.NHS_NUMBER,
    IdentifierKind.EMAIL: EntityLabel.EMAIL,
    IdentifierKind.PHONE: EntityLabel.PHONE,
    IdentifierKind.POSTCODE: EntityLabel.POSTCODE,
}
_KIND_OF_LABEL = {label: kind for kind, label in ENTITY_LABELS.items()}


@dataclass(frozen=True)
class Identifier:
    """One identifier of a case, in normal form (see the module docstring)."""

    kind: IdentifierKind
    value: str

    @property
    def replacement(self) -> str:
        return REPLACEMENTS[self.kind]


@dataclass(frozen=True)
class WrittenIdentifier:
    """An identifier where a text writes it: `text[start:end]`, and its normal form."""

    kind: IdentifierKind
    start: int
    end: int
    value: str


class EntityFacts(Protocol):
    """What we read of an evidence entity row: storage's EvidenceEntity fits."""

    label: str
    text: str
    value: str | None


# Ten digits, run together or grouped 3-3-4 by spaces or dashes, not part of a longer number
# ("19434765919", "9434765919-2") nor of a phone number written with +.
NHS_SHAPE = re.compile(
    r"(?<!\d)(?<!\+)(?<!\d-)(\d{3})[ \u00a0-]?(\d{3})[ \u00a0-]?(\d{4})(?!\d|-\d)")
EMAIL_SHAPE = re.compile(
    r"(?<![\w.+-])[\w.%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}\b"
)
# A UK number: +44, 0044 or a trunk 0, then ten digits grouped by spaces, dashes or brackets
# around the area code. Digit counts and leading digits are checked after matching. A bracket
# before the 0 is the number's only when it closes after the area code: in "(01632 960123)"
# the brackets are the sentence's.
PHONE_SHAPE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)44[ \u00a0]?(?:\(0\)[ \u00a0]?)?|(?:\((?=0\d{2,4}\)))?0)"
    r"\d(?:(?:[ \u00a0-]|\)[ \u00a0]?)?\d){8,9}(?!\d)"
)
# Geographic (01, 02), non-geographic (03), mobile (07) and freephone or special rate (08).
_PHONE_FIRST_DIGITS = frozenset("12378")
# The published postcode format: an outward code (A9, A99, AA9, AA99, A9A or AA9A, with the
# letters each position allows) and an inward code (9AA), with or without a space; GIR 0AA is
# the one historic exception.
_POSTCODE = (
    r"\b(?:GIR[ \u00a0]?0AA|"
    r"(?:[A-PR-UWYZ](?:\d[A-HJKPS-UW]?|\d\d|[A-HK-Y]\d[ABEHMNPRV-Y]?|[A-HK-Y]\d\d?))"
    r"[ \u00a0]?\d[ABD-HJLNP-UW-Z]{2})\b"
)
# The pipeline reads postcodes in any case ("nt1 1aa" on a form); the sweep of text to be
# published takes only capitals, or "B4 2nd" would be one. Known postcodes are still removed
# in any case (see `written_forms`).
POSTCODE_ANY_CASE = re.compile(_POSTCODE, re.IGNORECASE)
POSTCODE_SHAPE = re.compile(_POSTCODE)

# The words that say a date is someone's birth: "date of birth 3 March 1950", "DOB: 03/03/50".
_BIRTH_LEAD = re.compile(
    r"\b(?:date\s+of\s+birth|d\.?\s?o\.?\s?b\b\.?|born(?:\s+on)?)(?:\s*(?:[:\-–]|is|was))?\s*",
    re.IGNORECASE,
)
# Room enough after those words for the longest date ("30th of September, 1950").
_BIRTH_DATE_REACH = 40
# "St" before a capitalised word is a saint ("12 St Mary's Road" goes on to "Road").
_STREET_WORDS = (rf"(?:(?:{'|'.join(sorted(word.capitalize() for word in STREET_WORDS))})\b"
                 r"|(?:Rd|St|Ave)\b(?!\s+[A-Z])\.?)")
_CAPITALISED = r"[A-Z][A-Za-z'’\-]*"
_NEXT_LINE = r"(?:\s*,\s*|\s*\n\s*)"
# A house number and a street ("12 Example Road", "Flat 2, 4a Mill Lane"), then town lines
# only when a postcode closes them, so that "12 Example Road, Mrs B said" keeps "Mrs B said".
ADDRESS_SHAPE = re.compile(
    rf"(?:\b(?:Flat|Apartment|Unit)\s+\d+[A-Za-z]?,?\s+)?"
    rf"\b(?P<street>\d{{1,4}}[A-Za-z]?,?\s+(?:{_CAPITALISED}\s+){{1,3}}{_STREET_WORDS})"
    rf"(?:(?:{_NEXT_LINE}{_CAPITALISED}(?:\s+{_CAPITALISED}){{0,2}}){{0,3}}"
    rf"(?:{_NEXT_LINE}|\s+){_POSTCODE}\b)?"
)

NHS_WEIGHTS = (10, 9, 8, 7, 6, 5, 4, 3, 2)


def is_valid_nhs_number(digits: str) -> bool:
    """Ten digits whose last is the modulus-11 check digit of the rest (placeholders excluded)."""
    # Decimal digits only: "²" is a digit to `isdigit`, but no number of any kind.
    if len(digits) != 10 or not digits.isdecimal() or len(set(digits)) == 1:
        return False
    total = sum(int(digit) * weight for digit, weight in zip(digits, NHS_WEIGHTS, strict=False))
    check = (11 - total % 11) % 11
    # A remainder that gives 10 is never issued: no check digit can express it.
    return check != 10 and check == int(digits[9])


def normal_phone(written: str) -> str | None:
    """+44 and the ten national digits of a UK number written with +44, 0044 or a trunk 0."""
    if written.count("(") != written.count(")"):
        return None
    digits = re.sub(r"\D", "", written)
    stripped = written.lstrip("( ")
    if stripped.startswith(("+44", "0044")):
        national = digits[4:] if stripped.startswith("0044") else digits[2:]
        # "+44 (0)20 ..." writes the trunk zero that international dialling drops.
        if "(0)" in written:
            national = national[1:]
    elif digits.startswith("0"):
        national = digits[1:]
    else:
        return None
    if len(national) == 10 and national[0] in _PHONE_FIRST_DIGITS:
        return "+44" + national
    return None


def normal_postcode(text: str) -> str:
    compact = re.sub(r"\s", "", text).upper()
    return f"{compact[:-3]} {compact[-3:]}"


def find_written_identifiers(text: str) -> Iterator[WrittenIdentifier]:
    """Every NHS number, email, UK phone number and postcode in `text`, possibly overlapping:
    what the pipeline records as entities."""
    for match in NHS_SHAPE.finditer(text):
        digits = "".join(match.groups())
        if is_valid_nhs_number(digits):
            yield WrittenIdentifier(IdentifierKind.NHS_NUMBER, match.start(), match.end(), digits)
    for match in EMAIL_SHAPE.finditer(text):
        yield WrittenIdentifier(IdentifierKind.EMAIL, match.start(), match.end(),
                                match.group().lower())
    for match in PHONE_SHAPE.finditer(text):
        if phone := normal_phone(match.group()):
            yield WrittenIdentifier(IdentifierKind.PHONE, match.start(), match.end(), phone)
    for match in POSTCODE_ANY_CASE.finditer(text):
        yield WrittenIdentifier(IdentifierKind.POSTCODE, match.start(), match.end(),
                                normal_postcode(match.group()))


def dates_of_birth(text: str) -> Iterator[WrittenIdentifier]:
    """Dates written straight after words that say they are someone's birth."""
    for lead in _BIRTH_LEAD.finditer(text):
        following = find_dates(text[lead.end():lead.end() + _BIRTH_DATE_REACH], births=True)
        if following and following[0].start == 0:
            born = following[0]
            yield WrittenIdentifier(IdentifierKind.DATE_OF_BIRTH, lead.end(),
                                    lead.end() + born.end, born.date.isoformat())


def identifiers_in_text(text: str) -> list[Identifier]:
    """Every identifier written in free text, in normal form; postcodes only in capitals."""
    found = [Identifier(written.kind, written.value) for written in find_written_identifiers(text)
             if written.kind is not IdentifierKind.POSTCODE]
    found += [Identifier(IdentifierKind.POSTCODE, normal_postcode(m.group()))
              for m in POSTCODE_SHAPE.finditer(text)]
    found += [Identifier(IdentifierKind.ADDRESS, " ".join(m["street"].replace(",", " ").split()))
              for m in ADDRESS_SHAPE.finditer(text)]
    found += [Identifier(born.kind, born.value) for born in dates_of_birth(text)]
    return found


def identifier_from_entity(entity: EntityFacts) -> Identifier | None:
    """The identifier an evidence entity names, or None for names, dates and money."""
    kind = _KIND_OF_LABEL.get(entity.label)
    if kind is None:
        return None
    # The pipeline stored the normal form; a row without one is read again from its text.
    if entity.value:
        return Identifier(kind, entity.value)
    found = [w for w in find_written_identifiers(entity.text) if w.kind is kind]
    return Identifier(kind, found[0].value) if found else None


def identifiers_of_case(
    entities: Iterable[EntityFacts] = (), texts: Iterable[str] = ()
) -> list[Identifier]:
    """Every identifier of a case: from its evidence entities and by shape from its texts.

    `texts` are the case's own fields (summary, findings, quotes) and page texts: dates of
    birth and addresses are found there, since the pipeline does not label them.
    """
    found: dict[Identifier, None] = {}
    for entity in entities:
        identifier = identifier_from_entity(entity)
        if identifier is not None:
            found.setdefault(identifier, None)
    for text in texts:
        for identifier in identifiers_in_text(text):
            found.setdefault(identifier, None)
    return list(found)


def _digits_pattern(digits: str) -> str:
    # Between the digits of a number written by hand: spaces, dashes, dots, at most a few.
    return r"[\s.\-]{0,3}".join(digits)


def _date_pattern(value: str) -> str:
    born = date.fromisoformat(value)
    month_name = MONTH_NAMES[born.month - 1]
    month = rf"(?:{month_name}|{month_name[:3]}{'t?' if born.month == 9 else ''}\.?)"
    day = rf"0?{born.day}(?:st|nd|rd|th)?"
    numeric_year = rf"(?:{born.year}|{born.year % 100:02d})"
    return (
        rf"(?<!\d)(?:{day}\s+(?:of\s+)?{month},?\s+{born.year}|{month}\s+{day},?\s+{born.year}"
        rf"|0?{born.day}[/.\-]0?{born.month}[/.\-]{numeric_year}|{value})(?!\d)"
    )


def written_forms(identifier: Identifier) -> re.Pattern[str]:
    """A pattern for every way the identifier may be written: spacing, prefixes, case, format."""
    kind, value = identifier.kind, identifier.value
    if kind is IdentifierKind.NHS_NUMBER:
        source = rf"(?<!\d){_digits_pattern(value)}(?!\d)"
    elif kind is IdentifierKind.PHONE:
        prefix = r"(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)?"
        national = value.removeprefix("+44")
        source = rf"(?<![\d+]){prefix}" + r"[\s.()\-]{0,3}".join(national) + r"(?!\d)"
    elif kind is IdentifierKind.POSTCODE:
        outward, inward = value.split()
        source = rf"\b{re.escape(outward)}[\s\u00a0]*{re.escape(inward)}\b"
    elif kind is IdentifierKind.EMAIL:
        source = rf"(?<![\w.+-]){re.escape(value)}(?![\w-])"
    elif kind is IdentifierKind.ADDRESS:
        source = r"\b" + r"[\s,]+".join(re.escape(word) for word in value.split()) + r"\b"
    elif kind is IdentifierKind.DATE_OF_BIRTH:
        source = _date_pattern(value)
    else:
        source = WORD_BEFORE + r"\s+".join(map(re.escape, value.split())) + WORD_AFTER
    return re.compile(source, re.IGNORECASE)
