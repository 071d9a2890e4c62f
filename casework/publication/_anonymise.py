"""The anonymised version of a decision: pseudonyms for people, identifiers removed.

The caller builds the decision context as plain strings, anonymises it here, and only then
wraps free text for the template: docxtpl's `Listing` keeps escaped XML, not the text.
The map is built from plain inputs (`build_map`) so that the investigator's reviewed
version can be rebuilt from what the review screen saved; `map_for_case` proposes the first
draft from the case itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from casework.publication._identifiers import (
    ADDRESS_SHAPE,
    DATE_OF_BIRTH_SHAPE,
    EMAIL_SHAPE,
    NHS_SHAPE,
    PHONE_SHAPE,
    POSTCODE_SHAPE,
    REPLACEMENTS,
    EntityFacts,
    Identifier,
    IdentifierKind,
    identifiers_in_text,
    identifiers_of_case,
    is_valid_nhs_number,
    national_phone_digits,
    written_forms,
)
from casework.publication._people import (
    TITLE_PATTERN,
    TITLES,
    PersonMention,
    Pseudonym,
    build_pseudonyms,
)

if TYPE_CHECKING:
    from storage.models import Case

# Letters and digits make a word; an underscore or a hyphen does not, so "Lovelace_letter.pdf"
# and "lovelace-letter.pdf" give up the name too.
_WORD_BEFORE = r"(?<![^\W_])"
_WORD_AFTER = r"(?![^\W_])"
# Titles are only eaten when capitalised: "her sister Ada" keeps "her sister".
_ANY_TITLE = rf"(?:(?-i:{TITLE_PATTERN})\s+)?"
_TITLED_NAME = re.compile(
    rf"\b(?P<title>{TITLE_PATTERN})\s+(?P<name>(?:[A-Z]\.?\s+)?[A-Z][a-z'’\-]+"
    rf"(?:\s+[A-Z][a-z'’\-]+){{0,2}})"
)
_POSSESSIVE = re.compile(r"['’]s?(?=\s|$)")
# Words that make a titled "name" a place: "Dr Gray's Hospital", "Lady Margaret Surgery".
_PLACE_WORDS = frozenset({
    "hospital", "surgery", "practice", "trust", "clinic", "centre", "ward", "unit", "house",
    "road", "street", "lane", "school", "college", "home", "service", "services",
})


@dataclass(frozen=True)
class AnonymisationMap:
    """Who becomes whom and what is removed, for one case."""

    pseudonyms: tuple[Pseudonym, ...]
    identifiers: tuple[Identifier, ...]


def build_map(
    people: Sequence[PersonMention],
    entities: Iterable[EntityFacts] = (),
    texts: Iterable[str] = (),
    other_identifiers: Iterable[str] = (),
    public: Iterable[str] = (),
) -> AnonymisationMap:
    """A map from plain inputs.

    `people` in order of first mention, the complainant first. `entities` and `texts` give
    the identifiers (see `identifiers_of_case`); `other_identifiers` are literal strings the
    investigator marked. `public` is text whose identifiers may be published, such as the
    ombudsman's own helpline and address in the letterhead: they are not treated as the case's.
    """
    published = {i for text in public for i in identifiers_in_text(text)}
    identifiers = [i for i in identifiers_of_case(entities, texts) if i not in published]
    identifiers += [Identifier(IdentifierKind.OTHER, " ".join(t.split()))
                    for t in other_identifiers if t.strip()]
    return AnonymisationMap(tuple(build_pseudonyms(people)), tuple(dict.fromkeys(identifiers)))


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


def decision_texts(case: Case) -> list[str]:
    """The case's own words that a decision shows, in the decision's order."""
    texts = [case.complainant_name, case.summary]
    for point in case.complaint_points:
        texts.append(point.text)
        for finding in point.findings:
            texts += [finding.title, finding.what_happened,
                      finding.what_should_have_happened, finding.guidance or "",
                      finding.injustice]
            texts += [citation.quote for citation in finding.citations]
    texts += [recommendation.text for recommendation in case.recommendations]
    return [text for text in texts if text]


def titled_names(text: str) -> Iterator[PersonMention]:
    """People named after a title in free text ("Dr Patel", "Mrs Ada Lovelace")."""
    for match in _TITLED_NAME.finditer(text):
        name, end = match["name"], match.end()
        possessive = _POSSESSIVE.search(name)
        if possessive:
            # "Mrs Lovelace's father" names Mrs Lovelace, not a "Lovelace's"; and what follows
            # the possessive tells a place ("Dr Gray's Hospital") from a person.
            name, end = name[:possessive.start()], match.start("name") + possessive.end()
        following = re.match(r"\s+(\w+)", text[end:])
        if following and following[1].casefold() in _PLACE_WORDS:
            continue
        yield PersonMention(name, title=match["title"])


def _title_before(page_text: str, start: int) -> str | None:
    match = re.search(rf"({TITLE_PATTERN})\s+$", page_text[max(0, start - 24):start])
    return match[1] if match else None


def map_for_case(case: Case, context: dict | None = None) -> AnonymisationMap:
    """The proposed map for a case, for the investigator to review.

    People are the complainant, everyone named after a title in the decision, and every
    PERSON the evidence pipeline found, ordered by first mention in the decision (`context`,
    the plain-string decision context, or the case's own fields); people the decision never
    mentions come last. A "person" whose every word is in the organisation's name is the
    organisation misread, and is left out.
    """
    texts = list(strings_in(context)) if context is not None else decision_texts(case)
    decision = "\n".join(texts)
    mentions = [PersonMention(case.complainant_name)]
    for text in texts:
        mentions += titled_names(text)
    entities = []
    page_texts = []
    for evidence in case.evidence:
        pages = {page.number: page.text for page in evidence.pages}
        page_texts += pages.values()
        for entity in evidence.entities:
            entities.append(entity)
            if entity.label == "PERSON":
                title = _title_before(pages.get(entity.page, ""), entity.start)
                mentions.append(PersonMention(entity.value or entity.text, title=title))
    organisation_words = {w.casefold() for w in re.findall(r"\w+", case.organisation.name)}
    mentions = [m for m in mentions
                if not {w.casefold() for w in re.findall(r"\w+", m.name)} <= organisation_words]
    ordered = [mentions[0], *sorted(mentions[1:], key=lambda m: _first_position(decision, m))]
    return build_map(ordered, entities, [*texts, *page_texts])


def _first_position(decision: str, mention: PersonMention) -> int:
    surname = mention.name.split()[-1] if mention.name.split() else ""
    match = re.search(rf"{_WORD_BEFORE}{re.escape(surname)}{_WORD_AFTER}", decision,
                      re.IGNORECASE) if surname else None
    return match.start() if match else len(decision)


def remove_identifiers(text: str, identifiers: Iterable[Identifier]) -> str:
    """Every identifier replaced by neutral text: the case's known ones in any written form,
    and anything shaped like one even if the case never recorded it."""
    text = EMAIL_SHAPE.sub(REPLACEMENTS[IdentifierKind.EMAIL], text)
    text = ADDRESS_SHAPE.sub(REPLACEMENTS[IdentifierKind.ADDRESS], text)
    text = DATE_OF_BIRTH_SHAPE.sub(
        lambda m: m["lead"] + REPLACEMENTS[IdentifierKind.DATE_OF_BIRTH], text)
    for identifier in identifiers:
        text = written_forms(identifier).sub(identifier.replacement, text)
    text = NHS_SHAPE.sub(lambda m: REPLACEMENTS[IdentifierKind.NHS_NUMBER]
                         if is_valid_nhs_number(re.sub(r"\D", "", m.group())) else m.group(), text)
    text = PHONE_SHAPE.sub(lambda m: REPLACEMENTS[IdentifierKind.PHONE]
                           if national_phone_digits(m.group()) else m.group(), text)
    return POSTCODE_SHAPE.sub(REPLACEMENTS[IdentifierKind.POSTCODE], text)


def _form_pattern(form: str) -> str:
    """A written form with any spacing; titles and initials may carry a full stop."""
    words = []
    for word in form.split():
        bare = word.rstrip(".")
        stop = r"\.?" if len(bare) == 1 or bare.casefold() in TITLES else ""
        words.append(re.escape(bare) + stop)
    return r"[\s\u00a0]+".join(words)


@lru_cache(maxsize=32)
def _name_replacer(pseudonyms: tuple[Pseudonym, ...]) -> tuple[re.Pattern[str], list[str]]:
    """One pattern for every written form of every name, longest first, and their labels."""
    label_of: dict[str, tuple[str, str]] = {}
    for pseudonym in pseudonyms:
        for form in (pseudonym.original, *pseudonym.aliases):
            label_of.setdefault(" ".join(form.split()).casefold(), (form, pseudonym.label))
    forms = sorted(label_of.values(), key=lambda item: len(item[0]), reverse=True)
    alternatives = [f"(?P<f{n}>{_ANY_TITLE}{_form_pattern(form)})" for n, (form, _) in
                    enumerate(forms)]
    pattern = rf"{_WORD_BEFORE}(?:{'|'.join(alternatives) or '(?!)'}){_WORD_AFTER}"
    return re.compile(pattern, re.IGNORECASE), [label for _, label in forms]


def _starts_sentence(text: str, position: int) -> bool:
    before = text[:position].rstrip(" \t\u00a0")
    return not before or before[-1] in ".!?\n:“\"("


def anonymise_text(text: str, mapping: AnonymisationMap) -> str:
    """The text with identifiers removed and every known person replaced by their label."""
    text = remove_identifiers(text, mapping.identifiers)
    pattern, labels = _name_replacer(mapping.pseudonyms)

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
