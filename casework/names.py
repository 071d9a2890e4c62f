"""People's names as papers write them: titles, the words that make a name a place, and the
one finder of names written after a title ("Mrs Ada Lovelace", "Dr J. Smith").

The evidence pipeline and publication share these rules, so that everyone the pipeline
finds by title is someone publication knows to hide; the letters greet people by them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from string import capwords

# Letters and digits make a word; an underscore or a hyphen does not, so a name is found in
# "Lovelace_letter.pdf" and "lovelace-letter.pdf" too.
WORD_BEFORE = r"(?<![^\W_])"
WORD_AFTER = r"(?![^\W_])"

# Written titles and the form a label uses.
TITLES = {
    "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "master": "Master",
    "dr": "Dr", "doctor": "Dr", "prof": "Professor", "professor": "Professor",
    "nurse": "Nurse", "staff nurse": "Staff Nurse", "sister": "Sister", "matron": "Matron",
    "midwife": "Midwife", "sir": "Sir", "dame": "Dame", "lord": "Lord", "lady": "Lady",
    "rev": "Reverend", "revd": "Reverend", "reverend": "Reverend",
    "cllr": "Councillor", "councillor": "Councillor",
}
# Titles as written, capitalised ("Staff Nurse"): callers decide whether case matters.
TITLE_PATTERN = r"(?:" + "|".join(
    re.escape(capwords(t)).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True)
) + r")\.?"
TITLE_WORDS = frozenset(capwords(title) for title in TITLES)
_ABBREVIATED_TITLES = frozenset({"mr", "mrs", "ms", "mx", "dr", "prof", "rev", "revd", "cllr"})
# A couple's titles are one title ("Mr and Mrs Jones"); a title alone ("Dr") is a title too:
# there is no name after it.
_JOINT = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)
_LEADING_TITLE = re.compile(
    rf"^\s*({TITLE_PATTERN}(?:{_JOINT.pattern}{TITLE_PATTERN})?)(?:\s+|$)", re.IGNORECASE)

# Names that are also everyday words ("Ward 7", "page 12", "will", "hope"): on their own they
# are read as the word, so they are replaced and leak-checked only inside a longer form of
# the name ("Mr Ward", "John Ward"). Names of one or two letters are treated the same way.
COMMON_WORD_NAMES = frozenset({
    "april", "amber", "bell", "best", "bill", "bird", "bishop", "black", "bright", "brown",
    "case", "care", "cook", "cross", "dawn", "day", "dean", "east", "faith", "fair", "field",
    "fox", "frank", "grace", "gray", "green", "grey", "hall", "hart", "hill", "holly", "hope",
    "hunt", "ivy", "jack", "joy", "june", "king", "lamb", "lane", "law", "little", "long",
    "love", "mark", "marsh", "may", "mills", "moss", "north", "page", "park", "pat", "price",
    "read", "rice", "rich", "rose", "rush", "sharp", "short", "south", "stone", "summer",
    "sweet", "wall", "ward", "well", "wells", "west", "white", "will", "wood", "young",
})

# Words that end an organisation's name, not a person's: "Riverside Surgery" is a place.
ORGANISATION_WORDS = frozenset({
    "surgery", "practice", "hospital", "hospitals", "trust", "council", "department",
    "clinic", "centre", "center", "service", "services", "board", "authority", "agency",
    "partnership", "group", "ltd", "limited", "plc", "llp", "office", "ministry", "ombudsman",
    "commission", "icb", "ccg", "school", "college", "university", "home",
})
# Words ending a street's name: "Mill Lane" is where someone lives, not who they are.
STREET_WORDS = frozenset({
    "street", "road", "avenue", "crescent", "terrace", "gardens", "drive", "mews", "square",
    "lane", "close", "way", "court", "place", "grove", "walk", "row",
})
# Of those, the words that are never surnames ("Lord Street", "Mill Road"): Lane, Close or
# Court are surnames too, so after a title ("Dr Mary Lane") they still name a person.
STREET_ONLY_WORDS = frozenset({
    "street", "road", "avenue", "crescent", "terrace", "gardens", "drive", "mews", "square",
})
# A capitalised word after the name that makes the whole a place: "Dr Gray's Hospital",
# "Lady Margaret Ward", "Sir Thomas House".
_PLACE_WORDS = ORGANISATION_WORDS | STREET_ONLY_WORDS | {"ward", "unit", "house", "lane"}

# A name after a title, on the same line: initials ("J." or "J") and up to three capitalised
# words, allowing O'Brien, McDonald and double-barrelled names, or a single capital ("Mrs B").
# A word before a colon is the next field's label ("Mr Collins Subject: ...").
_NAME_WORD = r"[A-Z](?:[a-z]+|['’][A-Z][a-z]+|[a-z]*[A-Z][a-z]+)(?:-[A-Z][a-z]+)?"
_GAP = r"[ \u00a0]+"
_TITLED_NAME = re.compile(
    rf"\b(?P<title>{TITLE_PATTERN}){_GAP}(?P<name>(?:[A-Z]\.?{_GAP})*{_NAME_WORD}\b"
    rf"(?:{_GAP}{_NAME_WORD}\b(?!:)){{0,2}}|[A-Z]\b)"
)
_NEXT_WORD = re.compile(r"(?:['’]s)?[ \u00a0]+(\w+)")


@dataclass(frozen=True)
class TitledName:
    """A name written after a title: `text[start:end] == name`, the title not included."""

    title: str
    name: str
    start: int
    end: int


def find_titled_names(text: str) -> Iterator[TitledName]:
    """People named after a title, in order; places named like people are left out."""
    for match in _TITLED_NAME.finditer(text):
        name = normalise_person(match["name"])
        # "Lady Margaret Hospital", "Dr Gray's Hospital" and "Lord Street" are places,
        # whatever their first word says.
        if place_word_after(text, match.end("name")):
            continue
        if looks_like_organisation(name) or name.split()[-1].lower() in STREET_ONLY_WORDS:
            continue
        # "Mr Mrs Mr" names nobody: an abbreviated title is nobody's name.
        if any(word.rstrip(".").casefold() in _ABBREVIATED_TITLES for word in name.split()):
            continue
        yield TitledName(match["title"], name, match.start("name"), match.end("name"))


def place_word_after(text: str, end: int) -> re.Match[str] | None:
    """The capitalised word like Hospital, Street or Ward just after `text[:end]` (after a
    possessive too) that makes the name before it a place's, or None. Its group 1 is the
    word."""
    following = _NEXT_WORD.match(text, end)
    if following and following[1][:1].isupper() and following[1].lower() in _PLACE_WORDS:
        return following
    return None


def looks_like_organisation(name: str) -> bool:
    """True for a name ending in a word like Surgery or Trust, or naming the NHS."""
    words = name.split()
    return bool(words) and (words[-1].lower() in ORGANISATION_WORDS or "NHS" in words)


def normalise_person(name: str) -> str:
    """The name with its spacing collapsed onto one line."""
    return " ".join(name.split())


# A surname may be a title's word too ("Mr John Nurse", "Ms Lord"): on its own it is read as
# the word, or every "the nurse said" would be a leak and every "Nurse C" a real name.
_TITLE_PIECES = frozenset(word for title in TITLES for word in title.split())


def is_common_word_name(part: str) -> bool:
    """True for name parts too ordinary to look for on their own."""
    folded = part.casefold()
    return len(part) <= 2 or folded in COMMON_WORD_NAMES or folded in _TITLE_PIECES


def canonical_title(title: str | None) -> str | None:
    """'Doctor' and 'Dr.' are both 'Dr', 'mr & mrs' is 'Mr and Mrs'; unknown titles are kept
    as written."""
    if not title:
        return None
    couple = _JOINT.split(title.strip())
    if len(couple) == 2:
        return " and ".join(canonical_title(part) or part for part in couple)
    key = re.sub(r"\s+", " ", title.strip().rstrip(".")).casefold()
    return TITLES.get(key, title.strip())


def split_title(name: str) -> tuple[str | None, list[str]]:
    """('Mrs', ['Ada', 'Lovelace']) from 'Mrs. Ada Lovelace'.

    A "word" with no letter or digit (". Jones", "Ada & Tom") is punctuation, not a name.
    """
    title = None
    match = _LEADING_TITLE.match(name)
    if match:
        title = canonical_title(match[1])
        name = name[match.end():]
    return title, [word for word in name.split() if any(char.isalnum() for char in word)]
