"""People's names and organisations' names: found after a title, trimmed and normalised.

Spans are trimmed rather than rewritten, so that `page_text[start:end]` is always the text
reported: a person's span starts after the title ("Dr Sarah Jones" -> "Sarah Jones"), an
organisation's after a leading "the", and neither ends in punctuation or a possessive "'s".
Normalised forms (collapsed spaces, "NHS Trust" casing) go in the span's value.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from string import capwords

from casework.publication import TITLE_PATTERN, TITLES
from worker.nlp.spans import Span

PERSON = "PERSON"
ORG = "ORG"

# The titles publication knows too, so that everyone the pipeline finds by title can be
# given a pseudonym.
_TITLE = TITLE_PATTERN
_TITLE_WORDS = frozenset(capwords(title) for title in TITLES)
# A title then a name on the same line: initials ("J." or "J") and up to three capitalised
# words, allowing O'Brien, McDonald and double-barrelled names. A word before a colon is the
# next field's label ("Mr Collins Subject: ...").
_NAME_WORD = r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+|[a-z]*[A-Z][a-z]+)(?:-[A-Z][a-z]+)?"
_GAP = r"[ \u00a0]+"
_TITLED_NAME = re.compile(
    rf"\b{_TITLE}{_GAP}(?P<name>(?:[A-Z]\.?{_GAP})*{_NAME_WORD}\b(?:{_GAP}{_NAME_WORD}\b(?!:)){{0,2}}"
    rf"|[A-Z]\b)"
)
_NEXT_WORD = re.compile(r"(?:['’]s)?[ \u00a0]+(\w+)")
_LEADING_TITLES = re.compile(rf"^(?:{_TITLE}\s+)+", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
# spaCy's model tends to end an organisation before a lower-case "trust".
_TRUST_AFTER = re.compile(r"[ \u00a0]+(?:foundation[ \u00a0]+)?trust\b", re.IGNORECASE)
_TRAILING_MARKS = re.compile(r"(?:['’]s?|[\s.,;:!?)\]-])+$")

# Words that end an organisation's name, not a person's: spaCy's small English model often
# takes "Riverside Surgery" for a person.
ORGANISATION_WORDS = frozenset({
    "surgery", "practice", "hospital", "hospitals", "trust", "council", "department",
    "clinic", "centre", "center", "service", "services", "board", "authority", "agency",
    "partnership", "group", "ltd", "limited", "plc", "llp", "office", "ministry", "ombudsman",
    "commission", "icb", "ccg", "school", "college", "university", "home",
})
# Words ending a street's name: "Mill Lane" is where someone lives, not who they are.
# Lane, Close, Court and the like are surnames too, so after a title ("Dr Mary Lane") only
# the words that are never surnames mark a street.
STREET_ONLY_WORDS = frozenset({
    "street", "road", "avenue", "crescent", "terrace", "gardens", "drive", "mews", "square",
})
STREET_WORDS = STREET_ONLY_WORDS | {"lane", "close", "way", "court", "place", "grove", "walk"}
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


def find_titled_names(text: str) -> Iterator[Span]:
    """People named after a title ("Mrs Amelia Hart", "Dr J. Smith"); spans cover the name only."""
    for match in _TITLED_NAME.finditer(text):
        name = normalise_person(match["name"])
        # "Lady Margaret Hospital", "Dr Gray's Hospital" and "Lord Street" are places,
        # whatever their first word says.
        following = _NEXT_WORD.match(text, match.end("name"))
        if following and following[1].lower() in ORGANISATION_WORDS:
            continue
        if not (looks_like_organisation(name) or name.split()[-1].lower() in STREET_ONLY_WORDS):
            yield Span(PERSON, match.start("name"), match.end("name"), name)


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
    return bool(words) and words[-1].rstrip(".") in _TITLE_WORDS


def is_form_word(name: str) -> bool:
    """True for a lone word that labels a form field rather than naming anyone."""
    return name.strip().lower() in FORM_WORDS


def looks_like_organisation(name: str) -> bool:
    """True for a name ending in a word like Surgery or Trust, or naming the NHS."""
    words = name.split()
    return bool(words) and (words[-1].lower() in ORGANISATION_WORDS or "NHS" in words)


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


def normalise_person(name: str) -> str:
    """The name with its spacing collapsed onto one line."""
    return " ".join(name.split())
