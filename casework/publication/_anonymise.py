"""The anonymised version of a decision: labels for people, identifiers removed.

The caller builds the decision context as plain strings, anonymises it here, and only then
wraps free text for the template: docxtpl's `Listing` keeps escaped XML, not the text.
The map is built from plain inputs (`build_map`) so that the investigator's reviewed
version can be rebuilt from what the review screen saved; `_proposal.py` proposes the first
draft from the case itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import Any

from casework.names import (
    TITLE_PATTERN,
    TITLES,
    WORD_AFTER,
    WORD_BEFORE,
    is_common_word_name,
)
from casework.publication._identifiers import (
    ADDRESS_SHAPE,
    EMAIL_SHAPE,
    NHS_SHAPE,
    PHONE_SHAPE,
    POSTCODE_SHAPE,
    REPLACEMENTS,
    EntityFacts,
    Identifier,
    dates_of_birth,
    identifiers_in_text,
    identifiers_of_case,
    is_valid_nhs_number,
    normal_phone,
    written_forms,
)
from casework.publication._labels import proposed_people
from casework.publication._people import Person, PersonMention
from vocabulary import IdentifierKind

# Titles are only eaten when capitalised: "her sister Ada" keeps "her sister".
_ANY_TITLE = rf"(?:(?-i:{TITLE_PATTERN})\s+)?"


@dataclass(frozen=True)
class AnonymisationMap:
    """Who becomes whom and what is removed, for one case."""

    people: tuple[Person, ...]
    identifiers: tuple[Identifier, ...]


def build_map(
    people: Sequence[PersonMention],
    entities: Iterable[EntityFacts] = (),
    texts: Iterable[str] = (),
    other_identifiers: Iterable[str] = (),
    public: Iterable[str] = (),
    found: Iterable[Identifier] = (),
) -> AnonymisationMap:
    """A map from plain inputs.

    `people` in order of first mention, the complainant first. `entities` and `texts` give
    the identifiers (see `identifiers_of_case`), and `found` those already read from the
    evidence (its files' facts); `other_identifiers` are literal strings the
    investigator marked. `public` is text whose identifiers may be published, such as the
    ombudsman's own helpline and address in the letterhead: they are not treated as the case's.
    """
    published = {i for text in public for i in identifiers_in_text(text)}
    identifiers = [i for i in [*identifiers_of_case(entities, texts), *found]
                   if i not in published]
    identifiers += [Identifier(IdentifierKind.OTHER, " ".join(t.split()))
                    for t in other_identifiers if t.strip()]
    return AnonymisationMap(tuple(proposed_people(people)), tuple(dict.fromkeys(identifiers)))


def strings_in(value: Any) -> Iterator[str]:
    """Every string in nested dicts and lists, in order."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def remove_identifiers(text: str, identifiers: Iterable[Identifier]) -> str:
    """Every identifier replaced by neutral text: the case's known ones in any written form,
    and anything shaped like one even if the case never recorded it."""
    text = EMAIL_SHAPE.sub(REPLACEMENTS[IdentifierKind.EMAIL], text)
    text = ADDRESS_SHAPE.sub(REPLACEMENTS[IdentifierKind.ADDRESS], text)
    # Latest first, so that the earlier spans keep their places.
    for born in reversed(list(dates_of_birth(text))):
        text = text[:born.start] + REPLACEMENTS[IdentifierKind.DATE_OF_BIRTH] + text[born.end:]
    for identifier in identifiers:
        text = written_forms(identifier).sub(identifier.replacement, text)
    text = NHS_SHAPE.sub(lambda m: REPLACEMENTS[IdentifierKind.NHS_NUMBER]
                         if is_valid_nhs_number("".join(m.groups())) else m.group(), text)
    text = PHONE_SHAPE.sub(lambda m: REPLACEMENTS[IdentifierKind.PHONE]
                           if normal_phone(m.group()) else m.group(), text)
    return POSTCODE_SHAPE.sub(REPLACEMENTS[IdentifierKind.POSTCODE], text)


def _form_pattern(form: str) -> str:
    """A written form with any spacing; a leading title and initials may carry a full stop
    (a surname that is also a title, as in "Mr Nurse.", leaves the sentence its own)."""
    words = []
    for index, word in enumerate(form.split()):
        bare = word.rstrip(".")
        stop = r"\.?" if len(bare) == 1 or (index == 0 and bare.casefold() in TITLES) else ""
        words.append(re.escape(bare) + stop)
    return r"[\s\u00a0]+".join(words)


@lru_cache(maxsize=32)
def _name_replacer(people: tuple[Person, ...]) -> tuple[re.Pattern[str], list[str]]:
    """One pattern for every written form of every name, longest first, and their labels.

    Every part of a name is replaced on its own, as the leak check looks for each (a middle
    name only one mention gave too); last come the parts too ordinary to replace alone
    ("Ward"), after any title: "Ms Ward" is Mrs Ada Ward too.
    """
    label_of: dict[str, tuple[str, str]] = {}
    for person in people:
        parts = [part for part in person.name_parts if not is_common_word_name(part)]
        for form in (person.original, *person.aliases, *parts):
            label_of.setdefault(" ".join(form.split()).casefold(), (form, person.label))
    forms = sorted(label_of.values(), key=lambda item: len(item[0]), reverse=True)
    alternatives = [f"{_ANY_TITLE}{_form_pattern(form)}" for form, _ in forms]
    labels = [label for _, label in forms]
    titled: dict[str, str] = {}
    for person in people:
        for part in person.name_parts:
            if is_common_word_name(part):
                titled.setdefault(part.casefold(), person.label)
    alternatives += [rf"(?-i:{TITLE_PATTERN})\s+{re.escape(part)}" for part in titled]
    labels += list(titled.values())
    named = "|".join(f"(?P<f{n}>{alternative})" for n, alternative in enumerate(alternatives))
    pattern = rf"{WORD_BEFORE}(?:{named or '(?!)'}){WORD_AFTER}"
    return re.compile(pattern, re.IGNORECASE), labels


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:“\"("


def anonymise_text(text: str, mapping: AnonymisationMap) -> str:
    """The text with identifiers removed and every known person replaced by their label."""
    text = remove_identifiers(text, mapping.identifiers)
    pattern, labels = _name_replacer(mapping.people)

    def label(match: re.Match[str]) -> str:
        chosen = labels[int(match.lastgroup[1:])]
        if _starts_sentence(match.string, match.start()):
            chosen = chosen[0].upper() + chosen[1:]
        return chosen

    return pattern.sub(label, text)


def anonymise_context(context: Any, mapping: AnonymisationMap) -> Any:
    """A copy of a decision context (nested dicts and lists) with every string anonymised.

    Anything else that could hold text (a docxtpl Listing, an object) is refused rather than
    passed through unread: wrap text for the template after anonymising, not before.
    """
    if context is None or isinstance(context, bool | int | float | date | Decimal):
        return context
    if isinstance(context, str):
        return anonymise_text(context, mapping)
    if isinstance(context, dict):
        return {key: anonymise_context(value, mapping) for key, value in context.items()}
    if isinstance(context, list | tuple):
        return [anonymise_context(item, mapping) for item in context]
    raise TypeError(f"cannot anonymise a {type(context).__name__}: pass plain strings")
