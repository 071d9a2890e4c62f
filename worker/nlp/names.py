"""People's names and organisations' names as the model reads them: trimmed and normalised.

Spans are trimmed rather than rewritten, so that `page_text[start:end]` is always the text
reported: a person's span starts after the title ("Dr Sarah Jones" -> "Sarah Jones"), an
organisation's after a leading "the", and neither ends in punctuation or a possessive "'s".
Normalised forms (collapsed spaces, "NHS Trust" casing) go in the span's value. Names written
after a title are found by publication's finder (casework.publication), which knows the
same titles and the same places named like people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.publication import (
    STREET_WORDS,
    TITLE_PATTERN,
    TITLE_WORDS,
    find_titled_names,
)
from vocabulary import EntityLabel
from worker.nlp.spans import Span

_LEADING_TITLES = re.compile(rf"^(?:{TITLE_PATTERN}\s+)+", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# spaCy's model tends to end an organisation before a lower-case "trust".
_TRUST_AFTER = re.compile(r"[ \u00a0]+(?:foundation[ \u00a0]+)?trust\b", re.IGNORECASE)
_TRAILING_MARKS = re.compile(r"(?:['’]s?|[\s.,;:!?)\]-])+$")

# Labels on forms and letters, and words for roles, that the small model takes for a name
# when they stand alone ("Tel", "Email", "Madam", "Daughter").
FORM_WORDS = frozenset({
    "tel", "telephone", "phone", "mobile", "email", "e-mail", "fax", "address", "date",
    "name", "ref", "re", "dear", "patient", "dob", "subject", "from", "to", "cc", "postcode",
    "agenda", "description", "map", "madam", "sir", "carer", "resident", "daughter", "son",
    "wife", "husband", "mother", "father", "partner", "continuation", "summary", "mon", "tue",
    "tues", "wed", "thu", "thurs", "fri", "sat", "sun",
})
# Kept in capitals when an organisation's name written all in capitals is recased.
ACRONYMS = frozenset({"NHS", "GP", "ICB", "CCG", "HMRC", "DWP", "UK", "HM", "A&E", "CQC"})
_ALWAYS_CAPITALS = {"nhs": "NHS", "gp": "GP", "icb": "ICB", "ccg": "CCG"}


def titled_people(text: str) -> Iterator[Span]:
    """People named after a title ("Mrs Amelia Hart", "Dr J. Smith"); spans cover the name only."""
    for found in find_titled_names(text):
        yield Span(EntityLabel.PERSON, found.start, found.end, found.name)


def _trim(text: str, start: int, end: int, leading: re.Pattern[str]) -> tuple[int, int] | None:
    written = text[start:end]
    lead = leading.match(written)
    head = lead.end() if lead else 0
    tail = _TRAILING_MARKS.search(written, head)
    stop = tail.start() if tail else len(written)
    if stop <= head or not any(char.isalpha() for char in written[head:stop]):
        return None
    return start + head, start + stop


def trim_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name itself within `text[start:end]`, or None if no name is left."""
    return _trim(text, start, end, _LEADING_TITLES)


def trim_organisation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name within `text[start:end]` without a leading "the" or trailing marks.

    A "trust" written straight after an NHS body's name is taken in ("... NHS Foundation trust").
    """
    trust = _TRUST_AFTER.match(text, end)
    if trust and "NHS" in text[start:end].upper().split():
        end = trust.end()
    return _trim(text, start, end, _LEADING_THE)


def looks_like_street(name: str) -> bool:
    """True for a name ending in a word like Lane or Road."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in STREET_WORDS


def ends_with_title(name: str) -> bool:
    """True for text ending in a title, such as "Dear Mr": the name, if any, comes after."""
    words = name.split()
    return bool(words) and words[-1].rstrip(".") in TITLE_WORDS


def is_form_word(name: str) -> bool:
    """True for a lone word that labels a form field rather than naming anyone."""
    return name.strip().lower() in FORM_WORDS


def normalise_organisation(name: str) -> str:
    """One spacing, NHS and its Trusts in their usual capitals, all-capital names recased."""
    words = name.split()
    if len(words) > 1 and name.isupper():
        words = [word if word in ACRONYMS else word.capitalize() for word in words]
    normalised: list[str] = []
    for word in words:
        word = _ALWAYS_CAPITALS.get(word.lower(), word)
        if word.lower() in {"trust", "foundation"} and normalised and normalised[-1] in {
            "NHS", "Foundation",
        }:
            word = word.capitalize()
        normalised.append(word)
    return " ".join(normalised)
