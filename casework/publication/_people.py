"""The people a case names: each mention of a name, and the people they add up to.

One person, one entry: "Mrs Ada Lovelace", "Ada Lovelace", "A. Lovelace" and "Mrs Lovelace"
are grouped as one person when the surnames agree and the first names and titles are
compatible (see `_compatible`). Each person keeps every written form of their name, so that
all of them are replaced and looked for. Labels are chosen in `_labels.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from casework.names import canonical_title, is_common_word_name, split_title
from vocabulary import PersonKind

# Titles that one woman may be given interchangeably in the same papers.
_WOMENS_TITLES = frozenset({"Mrs", "Ms", "Miss"})
_CHILD_TITLES = frozenset({None, "Master", "Miss"})


@dataclass(frozen=True)
class PersonMention:
    """A person as written somewhere in the case; a title may be given or lead the name.

    `kind` is known only where someone said so (an investigator marking a child or a
    clinical adviser); otherwise the person is taken for an adult.
    """

    name: str
    title: str | None = None
    kind: PersonKind | None = None


@dataclass(frozen=True)
class Person:
    """Someone the published decision must not name: their fullest known name (`original`),
    the label that replaces it, their kind, and the other written forms (`aliases`: "Ada
    Lovelace", "Mrs Lovelace", "Lovelace", "Ada") replaced by the same label.

    `added` is someone the investigator added because the pipeline missed them; `unreviewed`
    is someone the pipeline found after the investigator's review was saved.
    """

    original: str
    label: str = ""
    kind: PersonKind = PersonKind.ADULT
    aliases: tuple[str, ...] = ()
    added: bool = False
    unreviewed: bool = False

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


def group_people(mentions: Sequence[PersonMention]) -> list[Person]:
    """The people the mentions add up to, in order of first mention, not yet labelled."""
    return [Person(person.full_name(), "", person.kind(), _aliases(person))
            for person in _group(mentions)]


@dataclass
class _Person:
    """A person gathered from one or more mentions, while building the map."""

    first_mention: int
    title: str | None
    given: list[str]
    surname: str | None
    kinds: set[PersonKind] = field(default_factory=set)
    written: list[str] = field(default_factory=list)

    @property
    def child(self) -> bool:
        return PersonKind.CHILD in self.kinds

    def kind(self) -> PersonKind:
        """An adviser if anyone said so, else a child if anyone said so, else an adult."""
        for kind in (PersonKind.ADVISER, PersonKind.CHILD):
            if kind in self.kinds:
                return kind
        return PersonKind.ADULT

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
        # Initials alone ("Mr B.") are a label someone already wrote, not a name to hide.
        if all(_is_initial(word) for word in words):
            continue
        if len(words) == 1 and title is None:
            loose.append((index, mention, title, words))
            continue
        given, surname = words[:-1], words[-1]
        match = next((p for p in grouped if p.surname and p.surname.casefold()
                      == surname.casefold() and _compatible(p, title, given)), None)
        if match is None:
            match = _Person(index, title, given, surname)
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
            match = _Person(index, title, [], word)
            grouped.append(match)
        match.first_mention = min(match.first_mention, index)
        _absorb(match, mention)
    return sorted(grouped, key=lambda p: p.first_mention)


def _absorb(person: _Person, mention: PersonMention) -> None:
    if mention.kind is not None:
        person.kinds.add(mention.kind)
    _, words = split_title(mention.name)
    person.written.append(" ".join(words))


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
    # "Mr B." and "J B." name nobody: they read as labels, and would be replaced and looked for
    # in every published text.
    named = [form for form in forms if not all(_is_initial(word) for word in split_title(form)[1])]
    return tuple(sorted(named, key=len, reverse=True))
