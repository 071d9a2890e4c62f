"""Pseudonyms for a published decision: each person a letter in order of mention, never their own.

The letter rule (DOMAIN.md, "Publication and anonymisation"):

- Letters run B, C, D ... Z in order of first mention; the complainant, mentioned first, is
  usually "B". DOMAIN.md does not say where to start. We start at B and never use A, I or O:
  a child is labelled by a letter alone, and "A was admitted" reads as the article, "I" as the
  pronoun and "O" as a zero, so these three are left out for everyone.
- A letter equal to the initial of any part of the person's name (given names, surname, each
  half of a double-barrelled name) is skipped for that person, so "Mrs Ada Lovelace" can be
  neither "Mrs A" nor "Mrs L". Skipped letters are not handed out later: labels stay in
  alphabetical order of mention, which is how a reader expects them.
- After Z come pairs (BB, BC, ...) under the same rule.
- Adults keep their title ("Mrs B", "Dr C"); a person without a known title gets the letter
  alone until the investigator adds one; children get the letter alone ("D").
- Clinical advisers are not named and take no letter: "the clinical adviser", then "the
  second clinical adviser" and so on.
- One person, one label: "Mrs Ada Lovelace", "Ada Lovelace", "A. Lovelace" and "Mrs Lovelace"
  are grouped as one person when the surnames agree and the first names and titles are
  compatible (see `_compatible`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import product
from string import capwords

LETTERS = "BCDEFGHJKLMNPQRSTUVWXYZ"
ADVISER_LABEL = "the clinical adviser"
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")

# Written titles and the form a label uses.
TITLES = {
    "mr": "Mr", "mrs": "Mrs", "ms": "Ms", "miss": "Miss", "mx": "Mx", "master": "Master",
    "dr": "Dr", "doctor": "Dr", "prof": "Professor", "professor": "Professor",
    "nurse": "Nurse", "staff nurse": "Staff Nurse", "sister": "Sister", "matron": "Matron",
    "midwife": "Midwife", "sir": "Sir", "dame": "Dame", "lord": "Lord", "lady": "Lady",
    "rev": "Reverend", "revd": "Reverend", "reverend": "Reverend",
    "cllr": "Councillor", "councillor": "Councillor",
}
# Titles that one woman may be given interchangeably in the same papers.
_WOMENS_TITLES = frozenset({"Mrs", "Ms", "Miss"})
_CHILD_TITLES = frozenset({None, "Master", "Miss"})
# Titles as written, capitalised ("Staff Nurse"): callers decide whether case matters.
TITLE_PATTERN = r"(?:" + "|".join(
    re.escape(capwords(t)).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True)
) + r")\.?"
_LEADING_TITLE = re.compile(rf"^\s*({TITLE_PATTERN})\s+", re.IGNORECASE)

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


def is_common_word_name(part: str) -> bool:
    """True for name parts too ordinary to look for on their own."""
    return len(part) <= 2 or part.casefold() in COMMON_WORD_NAMES


def canonical_title(title: str | None) -> str | None:
    """'Doctor' and 'Dr.' are both 'Dr'; unknown titles are kept as written."""
    if not title:
        return None
    key = re.sub(r"\s+", " ", title.strip().rstrip(".")).casefold()
    return TITLES.get(key, title.strip())


@dataclass(frozen=True)
class PersonMention:
    """A person as written somewhere in the case; a title may be given or lead the name."""

    name: str
    title: str | None = None
    child: bool = False
    adviser: bool = False


@dataclass(frozen=True)
class Pseudonym:
    """A person's fullest known name and the label that replaces it.

    `aliases` are the other written forms replaced by the same label ("Ada Lovelace",
    "Mrs Lovelace", "Lovelace", "Ada").
    """

    original: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def name_parts(self) -> tuple[str, ...]:
        """Every given name and surname of the person, without titles or initials."""
        parts: dict[str, None] = {}
        for form in (self.original, *self.aliases):
            _, words = split_title(form)
            for word in words:
                if len(word.rstrip(".")) > 1:
                    parts.setdefault(word, None)
        return tuple(parts)


def split_title(name: str) -> tuple[str | None, list[str]]:
    """('Mrs', ['Ada', 'Lovelace']) from 'Mrs. Ada Lovelace'."""
    title = None
    match = _LEADING_TITLE.match(name)
    if match:
        title = canonical_title(match[1])
        name = name[match.end():]
    return title, name.split()


@dataclass
class _Person:
    """A person gathered from one or more mentions, while building the map."""

    first_mention: int
    title: str | None
    given: list[str]
    surname: str | None
    child: bool
    adviser: bool
    written: list[str] = field(default_factory=list)

    def initials(self) -> set[str]:
        words = [*self.given, *([self.surname] if self.surname else [])]
        return {piece[0].upper() for word in words for piece in re.split(r"[-'’]", word) if piece}

    def full_name(self) -> str:
        words = [*self.given, *([self.surname] if self.surname else [])]
        return " ".join([*([self.title] if self.title else []), *words])


def _is_initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _first_names_compatible(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return True
    x, y = a[0].rstrip(".").casefold(), b[0].rstrip(".").casefold()
    if _is_initial(a[0]) or _is_initial(b[0]):
        return x[0] == y[0]
    return x == y


def _titles_compatible(a: str | None, b: str | None) -> bool:
    return a is None or b is None or a == b or {a, b} <= _WOMENS_TITLES


def _compatible(person: _Person, title: str | None, given: list[str]) -> bool:
    """Same surname is checked by the caller; here the first names and titles must agree.

    Two full first names that agree make the same person whatever the titles ("Dr Ada
    Lovelace" and "Mrs Ada Lovelace"); otherwise the titles must agree too, so "Mr Lovelace"
    is not folded into "Mrs Ada Lovelace"; nor is an adult's title into a child.
    """
    if not _first_names_compatible(person.given, given):
        return False
    # "Mr Lovelace" is the father, not the child Tom Lovelace.
    if person.child and title not in _CHILD_TITLES:
        return False
    both_full = (person.given and given and not _is_initial(person.given[0])
                 and not _is_initial(given[0]))
    return bool(both_full) or _titles_compatible(person.title, title)


def _group(people: Sequence[PersonMention]) -> list[_Person]:
    """Fold mentions of one person together; bare single words join a person afterwards."""
    grouped: list[_Person] = []
    loose: list[tuple[int, PersonMention, str | None, list[str]]] = []
    for index, mention in enumerate(people):
        title, words = split_title(mention.name)
        title = canonical_title(mention.title) or title
        if not words:
            continue
        if len(words) == 1 and title is None:
            loose.append((index, mention, title, words))
            continue
        given, surname = words[:-1], words[-1]
        match = next((p for p in grouped if p.surname and p.surname.casefold()
                      == surname.casefold() and _compatible(p, title, given)), None)
        if match is None:
            match = _Person(index, title, given, surname, False, False)
            grouped.append(match)
        elif given and (not match.given or _is_initial(match.given[0])) and not _is_initial(
                given[0]):
            match.given = given
        match.title = match.title or title
        _absorb(match, mention)
    for index, mention, title, (word,) in loose:
        key = word.casefold()
        match = next((p for p in grouped if (p.surname or "").casefold() == key
                      or any(g.casefold() == key for g in p.given)), None)
        if match is None:
            match = _Person(index, title, [], word, False, False)
            grouped.append(match)
        match.first_mention = min(match.first_mention, index)
        _absorb(match, mention)
    return sorted(grouped, key=lambda p: p.first_mention)


def _absorb(person: _Person, mention: PersonMention) -> None:
    person.child = person.child or mention.child
    person.adviser = person.adviser or mention.adviser
    _, words = split_title(mention.name)
    person.written.append(" ".join(words))


def _letters() -> Iterator[str]:
    yield from LETTERS
    for first, second in product(LETTERS, repeat=2):
        yield first + second


def _aliases(person: _Person) -> tuple[str, ...]:
    """Written forms of the person's name, titled and untitled, longest first."""
    forms: dict[str, None] = {}
    surname = person.surname
    given = person.given
    for written in person.written:
        if len(written.split()) > 1 or not is_common_word_name(written):
            forms.setdefault(written, None)
    if surname:
        if given:
            forms.setdefault(" ".join([*given, surname]), None)
            forms.setdefault(f"{given[0]} {surname}", None)
            forms.setdefault(f"{given[0].rstrip('.')[0]} {surname}", None)
        if not is_common_word_name(surname):
            forms.setdefault(surname, None)
    for name in given:
        if not _is_initial(name) and not is_common_word_name(name):
            forms.setdefault(name, None)
    if person.title and surname:
        for form in list(forms):
            if len(form.split()) > 1 or form == surname:
                forms.setdefault(f"{person.title} {form}", None)
        forms.setdefault(f"{person.title} {surname}", None)
    forms.pop(person.full_name(), None)
    return tuple(sorted(forms, key=len, reverse=True))


def build_pseudonyms(people: Sequence[PersonMention]) -> list[Pseudonym]:
    """A label for every person, in order of first mention; the complainant should come first."""
    pseudonyms = []
    letters = _letters()
    advisers = 0
    for person in _group(people):
        if person.adviser:
            label = ADVISER_LABEL if advisers == 0 else ADVISER_LABEL.replace(
                "the ", f"the {_ORDINALS[min(advisers, len(_ORDINALS)) - 1]} ")
            advisers += 1
        else:
            initials = person.initials()
            letter = next(letter for letter in letters if not set(letter) & initials)
            title = None if person.child else person.title
            label = f"{title} {letter}" if title else letter
        pseudonyms.append(Pseudonym(person.full_name(), label, _aliases(person)))
    return pseudonyms
