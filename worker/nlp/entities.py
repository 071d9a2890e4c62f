"""Entities on evidence pages: spaCy's named entities together with patterns for identifiers.

spaCy's model finds people, organisations and places (and some dates and sums of money);
patterns find what has a fixed shape: NHS numbers, dates, money in pounds, emails, UK phone
numbers, postcodes, and people named after a title. Where a pattern and the model claim
overlapping text, the pattern wins: its shape is checked, the model's reading is a guess.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from casework.dates import find_dates
from casework.publication import (
    ENTITY_LABELS,
    ORGANISATION_WORDS,
    find_written_identifiers,
    looks_like_organisation,
    normalise_person,
    place_word_after,
)
from vocabulary import EntityLabel
from worker.nlp.common_words import (
    JOINING_WORDS,
    is_common_word,
    is_staff_abbreviation,
    names_nothing,
)
from worker.nlp.money import find_money, pence_in
from worker.nlp.names import (
    ends_with_title,
    first_named_piece,
    looks_like_street,
    normalise_organisation,
    titled_people,
    trim_organisation,
    trim_person,
    with_initial_before,
)
from worker.nlp.pipelines import load_pipeline, split_long_text
from worker.nlp.spans import Span, without_overlaps, without_those_overlapping

if TYPE_CHECKING:
    from spacy.tokens import Doc

PERSON, ORG, GPE = EntityLabel.PERSON, EntityLabel.ORG, EntityLabel.GPE
DATE, MONEY = EntityLabel.DATE, EntityLabel.MONEY
# The model's labels worth keeping; the rest (CARDINAL, ORDINAL, PRODUCT...) are noise here.
MODEL_LABELS = frozenset({PERSON, ORG, GPE, DATE, MONEY})
# Pages go through the model in batches of this many texts: large enough to keep its
# matrix operations efficient, small enough to keep memory flat on a thousand-page file.
BATCH_SIZE = 64


@dataclass(frozen=True)
class Entity:
    """One thing named on a page: `page_text[start:end] == text` (page numbers start at 1).

    `value` is the normalised form where there is one: a name without its title and with
    one spacing, an organisation's usual spelling, an ISO date, an amount in pence, an NHS
    number's ten digits, a phone number as +44..., a postcode in capitals, an email in
    lower case.
    """

    label: str
    text: str
    page: int
    start: int
    end: int
    value: str | None = None


def find_identifiers(text: str) -> list[Span]:
    """NHS numbers, emails, phone numbers and postcodes, possibly overlapping. The patterns and
    normal forms are publication's, so that what is recorded here is recognised there."""
    return [Span(ENTITY_LABELS[found.kind], found.start, found.end, found.value)
            for found in find_written_identifiers(text)]


def find_pattern_spans(text: str) -> list[Span]:
    """What the patterns find on one page, overlaps settled in favour of the longer span."""
    dates = [Span(DATE, m.start, m.end, m.date.isoformat()) for m in find_dates(text)]
    return without_overlaps(
        [*find_identifiers(text), *find_money(text), *dates, *titled_people(text)]
    )


# "NHS number", "NHS complaints regulations": the NHS describes the word after it, and is not
# the organisation ("the NHS in England" is).
_NHS_AS_ADJECTIVE = re.compile(r"[ \u00a0]+([a-z]+)")
_NHS_NUMBER_LABEL = re.compile(r"\s*(?:number|no\b|num\b)", re.IGNORECASE)
# People's names are not written as two to four capitals alone: that is shorthand ("NOF").
_SHORTHAND = re.compile(r"[A-Z]{2,4}")
# Two-letter "organisations" are clinical shorthand: BD, SC, OT, ED.
_WORD_OF_THREE_LETTERS = re.compile(r"[^\W\d_]{3}")
_CALENDAR_WORD = re.compile(
    r"\b(?:(?:19|20)\d\d|jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?"
    r"|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?|yesterday|today|tomorrow|christmas|easter)\b",
    re.IGNORECASE,
)
_FIRST_WORD = re.compile(r"\S+\s+")
_CURRENCY = re.compile(r"[£$€]|\b(?:pounds?|pence|gbp|sterling|dollars?|euros?)\b", re.IGNORECASE)


def _is_misread(text: str, label: str, start: int, end: int) -> bool:
    """True where the small English model's guess is plainly wrong.

    It misreads letters, forms and notes: salutations, roles, field labels and clinical
    shorthand become people or organisations ("Dear Ombudsman", "Tel", "ECG", "Trust"),
    drug names and references become people or organisations ("apixaban", "T-55120"),
    numbers and durations become dates ("943 476 5918", "14 days"), scores become money
    ("NEWS2"). Patterns find the real numeric dates and sums, so the model's are kept only
    when they say something the patterns cannot: a weekday, a month, a year; a currency.
    """
    written = text[start:end]
    if label in {PERSON, ORG, GPE} and (names_nothing(written) or ends_with_title(written)):
        return True
    if label in {PERSON, ORG} and "/" in written:
        # "Sir/Madam", "Your ref: EH/March": a pair of words or a reference, not a name.
        return True
    if label == PERSON:
        if _SHORTHAND.fullmatch(written) or (" " not in written and text[end:end + 1] == ":"):
            # "NOF", "COPD"; "Analgesia: paracetamol" labels a field.
            return True
        return not written[:1].isupper() or any(char.isdigit() for char in written)
    if label == ORG:
        adjective = _NHS_AS_ADJECTIVE.match(text, end)
        if written == "NHS" and (_NHS_NUMBER_LABEL.match(text, end) or (
                adjective and is_common_word(adjective[1])
                and adjective[1] not in JOINING_WORDS)):
            return True
        return written.islower() or not _WORD_OF_THREE_LETTERS.search(written)
    if label == DATE:
        return not _CALENDAR_WORD.search(written)
    if label == MONEY:
        return not _CURRENCY.search(written)
    return False


def _is_staff_abbreviation_and_name(written: str) -> bool:
    """True for "SN Lopez" or "HCA Tom Baker": shorthand for staff, then a name."""
    first, *rest = written.split()
    return bool(rest) and is_staff_abbreviation(first) and not names_nothing(" ".join(rest)) \
        and not looks_like_organisation(" ".join(rest))


def _model_span(text: str, label: str, start: int, end: int) -> Span | None:
    """The model's entity cleaned up, relabelled where its guess is plainly wrong, or None."""
    if label in {PERSON, ORG}:
        piece = first_named_piece(text, start, end)
        if piece is None:
            return None
        start, end = piece
    if _is_misread(text, label, start, end):
        return None
    written = text[start:end]
    if label == ORG and _is_staff_abbreviation_and_name(written):
        # "SN Lopez": a nurse named in the notes, not an organisation.
        label, start = PERSON, start + _FIRST_WORD.match(written).end()
    if label == PERSON:
        place = place_word_after(text, end)
        if place and place[1].lower() in ORGANISATION_WORDS:
            # "St Anne's Hospital", read as "St Anne": the name is the hospital's.
            label, end = ORG, place.end()
        elif looks_like_organisation(written):
            label = ORG
    if label == PERSON:
        trimmed = trim_person(text, with_initial_before(text, start), end)
        if trimmed is None or looks_like_street(text[trimmed[0]:trimmed[1]]):
            return None
        return Span(PERSON, *trimmed, normalise_person(text[trimmed[0]:trimmed[1]]))
    if label == ORG:
        trimmed = trim_organisation(text, start, end)
        if trimmed is None:
            return None
        return Span(ORG, *trimmed, normalise_organisation(text[trimmed[0]:trimmed[1]]))
    return Span(label, start, end, pence_in(written) if label == MONEY else None)


def _model_spans(text: str, offset: int, doc: Doc) -> list[Span]:
    """The model's entities in one piece of `text` that starts at `offset`."""
    spans = []
    for ent in doc.ents:
        if ent.label_ in MODEL_LABELS:
            span = _model_span(text, EntityLabel(ent.label_), offset + ent.start_char,
                               offset + ent.end_char)
            if span is not None:
                spans.append(span)
    return spans


def find_entities(pages: Sequence[str], *, use_model: bool = True) -> list[Entity]:
    """Every entity on `pages`, in page and reading order, none overlapping another.

    Without the spaCy model (not installed, or `use_model=False`) the patterns alone run.
    """
    model_spans: list[list[Span]] = [[] for _ in pages]
    nlp = load_pipeline() if use_model else None
    if nlp is not None:
        pieces = [
            (index, offset, piece)
            for index, page in enumerate(pages)
            for offset, piece in split_long_text(page)
        ]
        docs = nlp.pipe((piece for _, _, piece in pieces), batch_size=BATCH_SIZE)
        # Each Doc is read as it comes and let go: a thousand pages of Docs would not fit.
        for (index, offset, _), doc in zip(pieces, docs, strict=True):
            model_spans[index].extend(_model_spans(pages[index], offset, doc))

    entities = []
    for number, (page, from_model) in enumerate(zip(pages, model_spans, strict=True), start=1):
        from_patterns = find_pattern_spans(page)
        spans = [*from_patterns, *without_those_overlapping(from_model, from_patterns)]
        for span in sorted(spans, key=lambda span: span.start):
            entities.append(Entity(span.label, page[span.start:span.end], number,
                                   span.start, span.end, span.value))
    return entities
