"""The investigator's review of a case's anonymisation map, and its approval.

The pipeline proposes a map (`casework.anonymise.map_for_case`). The investigator checks each
person's label, says who is a child (an initial alone) or a clinical adviser (not named), adds
anyone the pipeline missed, saves, and approves. The published decision is made only from an
approved map (`casework.publication`), and the leak check still reads what comes out.

The stored review (`AnonymisationReview`, one row per case) keeps the whole reviewed list,
proposed and added people alike, matched to the proposal by each person's `original` name.
When the proposal later finds someone the review does not cover (a new finding names a new
person), the map is stale: the approval no longer counts until the investigator approves again.
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from itertools import product

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.anonymise import AnonymisationMap, map_for_case
from casework.audit import record_event
from casework.decisions import plain_decision_context
from casework.errors import DomainError, ValidationFailed, one_of
from casework.personal_identifiers import Identifier
from casework.pseudonyms import (
    ADVISER_LABEL,
    LETTERS,
    PersonMention,
    Pseudonym,
    build_pseudonyms,
    split_title,
)
from storage.models import AnonymisationReview, Case, DecisionStage, User

MAX_LABEL_LENGTH = 40
MAX_NAME_LENGTH = 200
_LETTER_LABEL = re.compile(r"[A-Z]{1,2}")
_ADVISER_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth")


class PersonKind(enum.StrEnum):
    """How a person is labelled: adults by title and letter, children by a letter alone, and
    clinical advisers by their role, never a name."""

    ADULT = "adult"
    CHILD = "child"
    ADVISER = "adviser"


PERSON_KIND_LABELS = {
    PersonKind.ADULT: "Adult",
    PersonKind.CHILD: "Child",
    PersonKind.ADVISER: "Clinical adviser",
}


class NotApproved(DomainError):
    """Publication waits until the investigator has approved the map as it now stands."""

    code = "not_approved"


@dataclass(frozen=True)
class ReviewedPerson:
    """One person in the reviewed map.

    `added` is someone the investigator added because the pipeline missed them; `unreviewed`
    is someone the pipeline found after the review was saved.
    """

    original: str
    label: str
    kind: PersonKind = PersonKind.ADULT
    aliases: tuple[str, ...] = ()
    added: bool = False
    unreviewed: bool = False

    def pseudonym(self) -> Pseudonym:
        return Pseudonym(self.original, self.label, self.aliases)


@dataclass(frozen=True)
class PersonEdit:
    """What the investigator sends for one person. A kind of None leaves it as it is (adult for
    someone new); a label of None asks for one to be chosen."""

    original: str
    kind: PersonKind | None = None
    label: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ReviewedMap:
    """The map as the investigator has reviewed it, and whether it may be published from."""

    people: tuple[ReviewedPerson, ...]
    identifiers: tuple[Identifier, ...]
    saved: bool = False
    approved_by: User | None = None
    approved_at: datetime | None = None

    @property
    def stale(self) -> bool:
        """True when the pipeline has found people since the review was saved."""
        return any(person.unreviewed for person in self.people)

    @property
    def approved(self) -> bool:
        return self.approved_at is not None and not self.stale

    @property
    def fingerprint(self) -> str:
        """Names the map as it stands, so that an approval can say which map it approves."""
        shown = {"people": [[p.original, p.label, p.kind.value, list(p.aliases)]
                            for p in self.people],
                 "identifiers": [[i.kind.value, i.value] for i in self.identifiers]}
        return hashlib.sha256(json.dumps(shown).encode()).hexdigest()[:16]

    def anonymisation_map(self) -> AnonymisationMap:
        return AnonymisationMap(tuple(p.pseudonym() for p in self.people), self.identifiers)


def person_kind(value: str) -> PersonKind:
    """The kind named by `value`; refuses anything else with the choices listed."""
    return one_of(PersonKind, value, "kind")


def proposed_map(case: Case, today: date) -> AnonymisationMap:
    """The pipeline's proposal, ordered by first mention in the decision.

    The stage changes only the template's own wording, never who is mentioned, so one proposal
    serves the provisional and the final decision alike.
    """
    try:
        context = plain_decision_context(case, today, DecisionStage.PROVISIONAL)
    except DomainError:
        # Nothing to decide yet: the case's own fields still name its people.
        context = None
    return map_for_case(case, context)


def reviewed_map(session: Session, case: Case, today: date) -> ReviewedMap:
    """The proposal with the investigator's stored review laid over it."""
    return _reviewed(proposed_map(case, today), _stored_review(session, case))


def save_review(session: Session, case: Case, actor: User | None, today: date,
                edits: Sequence[PersonEdit]) -> ReviewedMap:
    """Store the investigator's labels and kinds, and anyone added; the caller commits.

    People the pipeline found stay in the map even when `edits` leaves them out; people the
    investigator added are removed by leaving them out. Changing a person's kind without
    touching their label relabels them for the new kind. A change withdraws any approval.
    """
    proposed = proposed_map(case, today)
    review = _stored_review(session, case)
    before = _reviewed(proposed, review)
    people = _edited(before.people, edits)
    check_labels(people)
    changed = _changes(before.people, people)
    review = _store(session, case, review, people)
    if changed or before.stale:
        review.approved_by, review.approved_at = None, None
    session.flush()
    # Counts only: the audit log must never hold the real names the map exists to hide.
    record_event(session, actor, "anonymisation.saved", review, case_id=case.id,
                 people=len(people), changed=changed, added=sum(p.added for p in people))
    return _reviewed(proposed, review)


def add_missed_person(session: Session, case: Case, actor: User | None, today: date,
                      name: str, aliases: Iterable[str] = (),
                      kind: PersonKind = PersonKind.ADULT) -> ReviewedMap:
    """Add someone the pipeline missed; they are labelled like everyone else."""
    current = reviewed_map(session, case, today)
    missed = PersonEdit(name, kind, None, tuple(aliases))
    _new_person(current.people, missed)  # refuses someone already in the map, by any name
    edits = [PersonEdit(p.original, p.kind, p.label) for p in current.people]
    return save_review(session, case, actor, today, [*edits, missed])


def approve_review(session: Session, case: Case, actor: User, today: date,
                   seen: str) -> ReviewedMap:
    """Approve the map as it now stands, people found since the last save included.

    `seen` is the fingerprint of the map the investigator was shown: when the map has
    changed since (a new finding named someone), nobody has seen what would be approved.
    """
    proposed = proposed_map(case, today)
    review = _stored_review(session, case)
    current = _reviewed(proposed, review)
    if seen != current.fingerprint:
        raise NotApproved("The anonymisation map has changed since you opened it: check the "
                          "labels again, then approve.")
    people = tuple(replace(p, unreviewed=False) for p in current.people)
    check_labels(people)
    review = _store(session, case, review, people)
    review.approved_by, review.approved_at = actor, datetime.now(UTC)
    session.flush()
    record_event(session, actor, "anonymisation.approved", review, case_id=case.id,
                 people=len(people))
    return _reviewed(proposed, review)


def require_approved(reviewed: ReviewedMap) -> None:
    """Raise NotApproved unless the map may be published from."""
    if reviewed.stale:
        raise NotApproved("New people have been found since the anonymisation map was "
                          "reviewed: check their labels and approve the map again.")
    if not reviewed.approved:
        raise NotApproved("The anonymisation map has not been approved: check each label, "
                          "save any changes, then approve the map.")


def check_labels(people: Sequence[ReviewedPerson]) -> None:
    """Raise ValidationFailed at the first label that would not do, naming its field."""
    name_pieces = {piece for person in people for piece in _name_pieces(person)}
    seen: dict[str, ReviewedPerson] = {}
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


def real_initials(person: ReviewedPerson) -> frozenset[str]:
    """The initial of every given name and surname the person is written with, each half of
    a double-barrelled or O'-name included."""
    initials = set()
    for form in (person.original, *person.aliases):
        for word in split_title(form)[1]:
            initials |= {piece[0].upper() for piece in re.split(r"[-'’.]", word) if piece}
    return frozenset(initials)


def _label_problem(person: ReviewedPerson, name_pieces: set[str]) -> str | None:
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
    named = [w for w in re.split(r"[\W_]+", label) if w.casefold() in name_pieces]
    if named:
        return (f"The label “{label}” contains “{named[0]}”, part of a real name in the case: "
                "choose a label that names nobody.")
    clash = sorted(set("".join(_letters_in(label))) & real_initials(person))
    if clash:
        return (f"The label “{label}” uses {person.original}'s real initial "
                f"{' and '.join(clash)}: choose another letter.")
    return None


def _name_pieces(person: ReviewedPerson) -> set[str]:
    # Initials are checked per person; here every longer piece of a real name, in any case.
    return {piece.casefold() for part in person.pseudonym().name_parts
            for piece in re.split(r"[\W_]+", part) if len(piece) > 1}


def _letters_in(label: str) -> list[str]:
    """The pseudonym letters in a label: "Mrs B" gives B, "Mr and Mrs BC" gives BC."""
    return [word.rstrip(".") for word in label.split()
            if _LETTER_LABEL.fullmatch(word.rstrip("."))]


def _stored_review(session: Session, case: Case) -> AnonymisationReview | None:
    return session.scalar(
        select(AnonymisationReview).where(AnonymisationReview.case_id == case.id))


def _store(session: Session, case: Case, review: AnonymisationReview | None,
           people: Sequence[ReviewedPerson]) -> AnonymisationReview:
    if review is None:
        review = AnonymisationReview(case_id=case.id)
        session.add(review)
    review.people = [{"original": p.original, "aliases": list(p.aliases), "label": p.label,
                      "kind": p.kind.value} for p in people]
    return review


def _reviewed(proposed: AnonymisationMap, review: AnonymisationReview | None) -> ReviewedMap:
    if review is None:
        people = tuple(_proposed_person(p) for p in proposed.pseudonyms)
        return ReviewedMap(people, proposed.identifiers)
    return ReviewedMap(_merged(proposed.pseudonyms, review.people), proposed.identifiers,
                       saved=True, approved_by=review.approved_by,
                       approved_at=review.approved_at)


def _proposed_person(pseudonym: Pseudonym) -> ReviewedPerson:
    # The proposal marks advisers by their label; it cannot tell a child from an adult.
    kind = PersonKind.ADVISER if "adviser" in pseudonym.label else PersonKind.ADULT
    return ReviewedPerson(pseudonym.original, pseudonym.label, kind, pseudonym.aliases)


def _merged(proposed: Sequence[Pseudonym], stored: list[dict]) -> tuple[ReviewedPerson, ...]:
    """The stored review over the proposal. People it does not cover are labelled clear of
    every stored label, so nobody already reviewed changes label under the investigator."""
    saved = {entry["original"]: ReviewedPerson(
        entry["original"], entry["label"], person_kind(entry["kind"]),
        tuple(entry.get("aliases", ()))) for entry in stored}
    people, unlabelled = [], set()
    for pseudonym in proposed:
        person = saved.pop(pseudonym.original, None)
        if person is None:
            unlabelled.add(len(people))
            people.append(replace(_proposed_person(pseudonym), unreviewed=True))
        else:
            people.append(replace(person, aliases=_union(pseudonym.aliases, person.aliases)))
    # Whoever the proposal no longer finds was added by the investigator: still hidden.
    people += [replace(person, added=True) for person in saved.values()]
    return _labelled(people, unlabelled)


def _edited(people: Sequence[ReviewedPerson],
            edits: Sequence[PersonEdit]) -> tuple[ReviewedPerson, ...]:
    """The people with `edits` applied, in the same order, new people last."""
    edit_for: dict[str, PersonEdit] = {}
    for edit in edits:
        key = _normal(edit.original).casefold()
        if key in edit_for:
            raise ValidationFailed(f"{_normal(edit.original)} is listed twice.", field="people")
        edit_for[key] = edit
    result, relabel = [], set()
    for person in people:
        edit = edit_for.pop(person.original.casefold(), None)
        if edit is None:
            if not person.added:
                result.append(replace(person, unreviewed=False))
            continue
        kind = edit.kind or person.kind
        label = person.label if edit.label is None else _normal(edit.label)
        if edit.label is None or (kind is not person.kind and label == person.label):
            relabel.add(len(result))
        result.append(replace(person, label=label, kind=kind, unreviewed=False,
                              aliases=_union(person.aliases, _clean(edit.aliases))))
    for edit in edit_for.values():
        if edit.label is None:
            relabel.add(len(result))
        result.append(_new_person(result, edit))
    return _labelled(result, relabel)


def _new_person(people: Sequence[ReviewedPerson], edit: PersonEdit) -> ReviewedPerson:
    original = _normal(edit.original)
    if not original:
        raise ValidationFailed("Enter the person's name.", field="name")
    if len(original) > MAX_NAME_LENGTH:
        raise ValidationFailed(f"The name must be {MAX_NAME_LENGTH} characters or fewer.",
                               field="name")
    for person in people:
        forms = {form.casefold() for form in (person.original, *person.aliases)}
        if original.casefold() in forms:
            raise ValidationFailed(f"{original} is already in the map, as {person.label}.",
                                   field="name")
    # The usual written forms ("Mrs Smith", "Smith", "Eve") come with the name, as they do
    # for the people the pipeline found.
    found = build_pseudonyms([PersonMention(original)])
    derived = (found[0].original, *found[0].aliases) if found else ()
    aliases = tuple(a for a in _union(derived, _clean(edit.aliases)) if a != original)
    label = _normal(edit.label) if edit.label is not None else ""
    return ReviewedPerson(original, label, edit.kind or PersonKind.ADULT, aliases, added=True)


def _labelled(people: Sequence[ReviewedPerson], relabel: set[int]) -> tuple[ReviewedPerson, ...]:
    """Labels chosen, in order, for the people at `relabel`, clear of everyone else's."""
    result = list(people)
    for index in sorted(relabel):
        others = [p for i, p in enumerate(result)
                  if i != index and (i not in relabel or i < index)]
        result[index] = replace(result[index], label=_fresh_label(result[index], others))
    return tuple(result)


def _fresh_label(person: ReviewedPerson, others: Sequence[ReviewedPerson]) -> str:
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
    title = split_title(person.original)[0]
    return f"{title} {letter}" if title and person.kind is PersonKind.ADULT else letter


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


def _changes(before: Sequence[ReviewedPerson], after: Sequence[ReviewedPerson]) -> int:
    """How many people are new, gone, or differ in label, kind or written forms."""
    old = {p.original: (p.label, p.kind, p.aliases) for p in before}
    new = {p.original: (p.label, p.kind, p.aliases) for p in after}
    return sum(old.get(original) != value for original, value in new.items()) + len(
        old.keys() - new.keys())


def _normal(text: str) -> str:
    return " ".join((text or "").split())


def _clean(aliases: Iterable[str]) -> tuple[str, ...]:
    return tuple(alias for alias in (_normal(a) for a in aliases) if alias)


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))
