"""Labels for the people a published decision names: the rules a label keeps, and the one
way a label is chosen, for the first proposal and for everyone who joins the map later.

The letter rule (DOMAIN.md, "Publication and anonymisation"):

- Letters run B, C, D ... Z in the order people join the map (the first proposal lists them
  in order of first mention, the complainant first, usually "B"), then pairs (BB, BC, ...).
  A, I and O are never used: a child is labelled by a letter alone, and "A was admitted"
  reads as the article, "I" as the pronoun and "O" as a zero.
- A letter equal to the initial of any part of the person's name (given names, surname, each
  half of a double-barrelled or O'-name) is never theirs: "Mrs Ada Lovelace" can be neither
  "Mrs A" nor "Mrs L". A letter skipped for one person is not handed out later, so labels
  stay in alphabetical order of joining, as a reader expects.
- Adults keep their title ("Mrs B", "Dr C"); an adult whose title nobody wrote is "Mx", the
  title that assumes nothing, until the investigator gives another: a letter alone is the
  style for a child ("D").
- Clinical advisers are not named and take no letter: "the clinical adviser", then "the
  second clinical adviser" and so on.
- No label contains any part of a real name in the case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import product

from casework.errors import ValidationFailed, one_of
from casework.names import split_title
from casework.publication._people import Person, PersonMention, group_people
from vocabulary import PersonKind

LETTERS = "BCDEFGHJKLMNPQRSTUVWXYZ"
ADVISER_LABEL = "the clinical adviser"
# The title that assumes nothing, for an adult whose title the papers do not give.
UNKNOWN_TITLE = "Mx"
MAX_LABEL_LENGTH = 40
_LETTER_LABEL = re.compile(r"[A-Z]{1,2}")
_ADVISER_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


def proposed_people(mentions: Sequence[PersonMention]) -> list[Person]:
    """Everyone the mentions name, labelled in order of first mention."""
    people = group_people(mentions)
    return list(labelled(people, set(range(len(people)))))


def person_kind(value: str) -> PersonKind:
    """The kind named by `value`; refuses anything else with the choices listed."""
    return one_of(PersonKind, value, "kind")


def check_labels(people: Sequence[Person]) -> None:
    """Raise ValidationFailed at the first label that would not do, naming its field."""
    name_pieces = {piece for person in people for piece in _name_pieces(person)}
    seen: dict[str, Person] = {}
    for index, person in enumerate(people):
        field = f"people.{index}.label"
        message = _label_problem(person, name_pieces)
        if message:
            raise ValidationFailed(message, field=field)
        other = seen.setdefault(person.label.casefold(), person)
        if other is not person:
            raise ValidationFailed(
                f"{other.original} and {person.original} are both labelled “{person.label}”: "
                "give each person their own label.", field=field)


def real_initials(person: Person) -> frozenset[str]:
    """The initial of every given name and surname the person is written with, each half of
    a double-barrelled or O'-name included."""
    initials = set()
    for form in (person.original, *person.aliases):
        for word in split_title(form)[1]:
            initials |= {piece[0].upper() for piece in re.split(r"[-'’.]", word) if piece}
    return frozenset(initials)


def _label_problem(person: Person, name_pieces: set[str]) -> str | None:
    label = person.label
    if not label:
        return f"Enter a label for {person.original}."
    if len(label) > MAX_LABEL_LENGTH:
        return f"The label for {person.original} must be {MAX_LABEL_LENGTH} characters or fewer."
    if person.kind is PersonKind.CHILD and not _LETTER_LABEL.fullmatch(label):
        return (f"{person.original} is a child: a child is labelled by an initial alone, "
                "for example “E”.")
    if person.kind is PersonKind.ADVISER and "adviser" not in label.casefold():
        return ("A clinical adviser is not named: describe the role, for example "
                f"“{ADVISER_LABEL}”.")
    # The label's own title is a title, and the adviser's labels are words of the service,
    # whatever someone's name is made of ("Mr(" or "Adviser" typed as a name): only the other
    # words could name anyone.
    after_title = "" if label in _adviser_labels() else " ".join(split_title(label)[1])
    named = [w for w in re.split(r"[\W_]+", after_title) if w.casefold() in name_pieces]
    if named:
        return (f"The label “{label}” contains “{named[0]}”, part of a real name in the case: "
                "choose a label that names nobody.")
    clash = sorted(set("".join(_letters_in(label))) & real_initials(person))
    if clash:
        return (f"The label “{label}” uses {person.original}'s real initial "
                f"{' and '.join(clash)}: choose another letter.")
    return None


def _name_pieces(person: Person) -> set[str]:
    # Initials are checked per person; here every longer piece of a real name, in any case.
    return {piece.casefold() for part in person.name_parts
            for piece in re.split(r"[\W_]+", part) if len(piece) > 1}


def _letters_in(label: str) -> list[str]:
    """The letters in a label: "Mrs B" gives B, "Mr and Mrs BC" gives BC."""
    return [word.rstrip(".") for word in label.split()
            if _LETTER_LABEL.fullmatch(word.rstrip("."))]


def labelled(people: Sequence[Person], relabel: set[int]) -> tuple[Person, ...]:
    """Labels chosen, in order, for the people at `relabel`, clear of everyone else's."""
    result = list(people)
    for index in sorted(relabel):
        others = [p for i, p in enumerate(result)
                  if i != index and (i not in relabel or i < index)]
        result[index] = replace(result[index], label=_fresh_label(result[index], others))
    return tuple(result)


def _fresh_label(person: Person, others: Sequence[Person]) -> str:
    """A label for the person's kind; their present letter is kept when it is still free."""
    if person.kind is PersonKind.ADVISER:
        taken = {other.label.casefold() for other in others}
        return next(label for label in _adviser_labels() if label.casefold() not in taken)
    used = {letter for other in others for letter in _letters_in(other.label)}
    own = real_initials(person)
    present = _letters_in(person.label)
    if present and present[-1] not in used and not set(present[-1]) & own:
        letter = present[-1]
    else:
        letter = _next_letter(used, own)
    if person.kind is PersonKind.CHILD:
        return letter
    return f"{split_title(person.original)[0] or UNKNOWN_TITLE} {letter}"


def _letter_sequence() -> Iterator[str]:
    yield from LETTERS
    for first, second in product(LETTERS, repeat=2):
        yield first + second


_LETTER_ORDER = {letter: position for position, letter in enumerate(_letter_sequence())}


def _next_letter(used: set[str], own: frozenset[str]) -> str:
    """The first free letter after every letter in use, so labels keep to the order in which
    people joined the map; from the start again if those run out."""
    after = max((_LETTER_ORDER.get(letter, -1) for letter in used), default=-1)
    candidates = [*list(_LETTER_ORDER)[after + 1:], *list(_LETTER_ORDER)[:after + 1]]
    return next(letter for letter in candidates if letter not in used and not set(letter) & own)


def _adviser_labels() -> Iterator[str]:
    yield ADVISER_LABEL
    for ordinal in _ADVISER_ORDINALS:
        yield ADVISER_LABEL.replace("the ", f"the {ordinal} ", 1)
