"""People's names and organisations' names as the model reads them: trimmed and normalised.

Spans are trimmed rather than rewritten, so that `page_text[start:end]` is always the text
reported: a person's span starts after the title ("Dr Sarah Jones" -> "Sarah Jones"), an
organisation's after a leading "the"; neither ends in punctuation or a possessive "'s", nor
runs on past a line break or a dash between spaces, nor ends on words that name nothing.
Normalised forms (collapsed spaces, "NHS Trust" casing) go in the span's value. Names written
after a title are found by publication's finder (casework.publication), which knows the
same titles and the same places named like people.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.publication import (
    ORGANISATION_WORDS,
    STREET_WORDS,
    TITLE_PATTERN,
    TITLE_WORDS,
    find_titled_names,
)
from vocabulary import EntityLabel
from worker.nlp.common_words import is_common_word, names_nothing
from worker.nlp.spans import Span

_LEADING_TITLES = re.compile(rf"^(?:{TITLE_PATTERN}\s+)+", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# spaCy's model tends to end an organisation before a lower-case "trust".
_TRUST_AFTER = re.compile(r"[ \u00a0]+(?:foundation[ \u00a0]+)?trust\b", re.IGNORECASE)
_TRAILING_MARKS = re.compile(r"(?:['’]s?|[\s.,;:!?)\]-])+$")
# Where one thing written ends and the next begins: a line break, a tab, a dash or a bar
# between spaces. "Northfield Hospital NHS Trust - Discharge Summary" is a name and a heading.
_BREAK = re.compile(r"[ \u00a0]*(?:\n|\t|[ \u00a0][-–—|][ \u00a0])\s*")
_SALUTATION = re.compile(r"(?:dear|hi|hello|good\s+(?:morning|afternoon|evening))\s+",
                         re.IGNORECASE)
_WORD = re.compile(r"\S+")
# Of the words ending an organisation's name, those that name a part of one: after
# "... NHS Trust" a "Complaints Department" is the Trust's, not another organisation.
_PARTS_OF_AN_ORGANISATION = frozenset({
    "department", "directorate", "division", "office", "service", "services", "team", "unit",
})
# An initial before a surname the model read alone ("J Morton"); "A" and "I" are words.
_INITIAL_BEFORE = re.compile(r"(?<![\w.])[B-HJ-Z]\.?[ \u00a0]$")

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


def first_named_piece(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first piece of `text[start:end]` between breaks (lines, " - ") that names someone
    or something, without a leading salutation ("Dear"), or None if no piece does.

    The model runs names on across lines and headings: "Sarah Quinn\nSent", "Discharge
    Summary - Kingsmead Hospital", "Dear Complaints Team".
    """
    written = text[start:end]
    piece_start = 0
    for piece_break in [*_BREAK.finditer(written), None]:
        piece_end = piece_break.start() if piece_break else len(written)
        greeting = _SALUTATION.match(written, piece_start, piece_end)
        head = greeting.end() if greeting else piece_start
        if written[head:piece_end].strip() and not names_nothing(written[head:piece_end]):
            return start + head, start + piece_end
        if piece_break is None:
            return None
        piece_start = piece_break.end()
    return None


def with_initial_before(text: str, start: int) -> int:
    """Where a name starting at `start` starts with the initial written before it."""
    initial = _INITIAL_BEFORE.search(text, max(0, start - 3), start)
    return initial.start() if initial else start


def trim_person(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name itself within `text[start:end]`, or None if no name is left.

    Titles and the common words before a name go: "Signed R. Okonjo", "Patient John Smith".
    """
    trimmed = _trim(text, start, end, _LEADING_TITLES)
    if trimmed is None:
        return None
    words = list(_WORD.finditer(text, *trimmed))
    while len(words) > 1 and is_common_word(words[0][0]):
        words.pop(0)
    return words[0].start(), trimmed[1]


def trim_organisation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span of the name within `text[start:end]` without a leading "the" or trailing marks.

    A "trust" written straight after an NHS body's name is taken in ("... NHS Foundation trust").
    """
    trust = _TRUST_AFTER.match(text, end)
    if trust and "NHS" in text[start:end].upper().split():
        end = trust.end()
    return _trim(text, start, _organisation_end(text, start, end), _LEADING_THE)


def _organisation_end(text: str, start: int, end: int) -> int:
    """Where the organisation's own name ends: after its first word like Trust or Council
    that is followed only by common words naming a part of it ("Westbrook NHS Foundation
    Trust Complaints Department")."""
    words = list(_WORD.finditer(text, start, end))
    for at, word in enumerate(words[:-1]):
        if _TRAILING_MARKS.sub("", word[0]).lower() not in ORGANISATION_WORDS:
            continue
        rest = [_TRAILING_MARKS.sub("", later[0]).lower() for later in words[at + 1:]]
        if all(is_common_word(part) and (part in _PARTS_OF_AN_ORGANISATION
                                         or part not in ORGANISATION_WORDS) for part in rest) \
                and not names_nothing(text[start:word.end()]):
            return word.end()
    return end


def looks_like_street(name: str) -> bool:
    """True for a name ending in a word like Lane or Road."""
    words = name.split()
    return len(words) > 1 and words[-1].lower() in STREET_WORDS


def ends_with_title(name: str) -> bool:
    """True for text ending in a title, such as "Dear Mr": the name, if any, comes after."""
    words = name.split()
    return bool(words) and words[-1].rstrip(".") in TITLE_WORDS


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
