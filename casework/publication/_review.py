"""The investigator's review of a case's anonymisation map, and its approval.

The pipeline proposes a map (`_proposal.py`). The investigator checks each
person's label, says who is a child (an initial alone) or a clinical adviser (not named), adds
anyone the pipeline missed, saves, and approves. The published decision is made only from an
approved map (`_published.py`), and the leak check still reads what comes out.

The stored review (`AnonymisationReview`, one row per case) keeps the whole reviewed list,
proposed and added people alike, matched to the proposal by each person's `original` name.
When the proposal later finds someone the review does not cover (a new finding names a new
person), the map is stale: the approval no longer counts until the investigator approves again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import DomainError, ValidationFailed
from casework.names import normalise_person
from casework.publication._anonymise import AnonymisationMap
from casework.publication._identifiers import Identifier
from casework.publication._labels import check_labels, labelled, person_kind
from casework.publication._people import Person, PersonMention, group_people
from casework.publication._proposal import proposed_map
from storage.models import AnonymisationReview, Case, User
from vocabulary import PersonKind

MAX_NAME_LENGTH = 200


class NotApproved(DomainError):
    """Publication waits until the investigator has approved the map as it now stands."""

    code = "not_approved"


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

    people: tuple[Person, ...]
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
        return AnonymisationMap(self.people, self.identifiers)


def reviewed_map(session: Session, case: Case, today: date) -> ReviewedMap:
    """The proposal with the investigator's stored review laid over it."""
    return _reviewed(proposed_map(session, case, today), _stored_review(session, case))


def save_review(session: Session, case: Case, actor: User | None, today: date,
                edits: Sequence[PersonEdit]) -> ReviewedMap:
    """Store the investigator's labels and kinds, and anyone added; the caller commits.

    People the pipeline found stay in the map even when `edits` leaves them out; people the
    investigator added are removed by leaving them out. Changing a person's kind without
    touching their label relabels them for the new kind. A change withdraws any approval.
    """
    proposed = proposed_map(session, case, today)
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
    proposed = proposed_map(session, case, today)
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


def _stored_review(session: Session, case: Case) -> AnonymisationReview | None:
    return session.scalar(
        select(AnonymisationReview).where(AnonymisationReview.case_id == case.id))


def _store(session: Session, case: Case, review: AnonymisationReview | None,
           people: Sequence[Person]) -> AnonymisationReview:
    if review is None:
        review = AnonymisationReview(case_id=case.id)
        session.add(review)
    review.people = [{"original": p.original, "aliases": list(p.aliases), "label": p.label,
                      "kind": p.kind.value} for p in people]
    return review


def _reviewed(proposed: AnonymisationMap, review: AnonymisationReview | None) -> ReviewedMap:
    if review is None:
        people = proposed.people
        return ReviewedMap(people, proposed.identifiers)
    return ReviewedMap(_merged(proposed.people, review.people), proposed.identifiers,
                       saved=True, approved_by=review.approved_by,
                       approved_at=review.approved_at)


def _merged(proposed: Sequence[Person], stored: list[dict]) -> tuple[Person, ...]:
    """The stored review over the proposal. People it does not cover are labelled clear of
    every stored label, so nobody already reviewed changes label under the investigator."""
    saved = {entry["original"]: Person(
        entry["original"], entry["label"], person_kind(entry["kind"]),
        tuple(entry.get("aliases", ()))) for entry in stored}
    people, unlabelled = [], set()
    for found in proposed:
        person = saved.pop(found.original, None)
        if person is None:
            unlabelled.add(len(people))
            people.append(replace(found, unreviewed=True))
        else:
            people.append(replace(person, aliases=_union(found.aliases, person.aliases)))
    # Whoever the proposal no longer finds was added by the investigator: still hidden.
    people += [replace(person, added=True) for person in saved.values()]
    return labelled(people, unlabelled)


def _edited(people: Sequence[Person],
            edits: Sequence[PersonEdit]) -> tuple[Person, ...]:
    """The people with `edits` applied, in the same order, new people last."""
    edit_for: dict[str, PersonEdit] = {}
    for edit in edits:
        key = normalise_person(edit.original).casefold()
        if key in edit_for:
            raise ValidationFailed(f"{normalise_person(edit.original)} is listed twice.",
                                   field="people")
        edit_for[key] = edit
    result, relabel = [], set()
    for person in people:
        edit = edit_for.pop(person.original.casefold(), None)
        if edit is None:
            if not person.added:
                result.append(replace(person, unreviewed=False))
            continue
        kind = edit.kind or person.kind
        label = person.label if edit.label is None else normalise_person(edit.label)
        if edit.label is None or (kind is not person.kind and label == person.label):
            relabel.add(len(result))
        result.append(replace(person, label=label, kind=kind, unreviewed=False,
                              aliases=_union(person.aliases, _clean(edit.aliases))))
    for edit in edit_for.values():
        if edit.label is None:
            relabel.add(len(result))
        result.append(_new_person(result, edit))
    return labelled(result, relabel)


def _new_person(people: Sequence[Person], edit: PersonEdit) -> Person:
    original = normalise_person(edit.original)
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
    found = group_people([PersonMention(original)])
    derived = (found[0].original, *found[0].aliases) if found else ()
    aliases = tuple(a for a in _union(derived, _clean(edit.aliases)) if a != original)
    label = normalise_person(edit.label) if edit.label is not None else ""
    return Person(original, label, edit.kind or PersonKind.ADULT, aliases, added=True)


def _changes(before: Sequence[Person], after: Sequence[Person]) -> int:
    """How many people are new, gone, or differ in label, kind or written forms."""
    old = {p.original: (p.label, p.kind, p.aliases) for p in before}
    new = {p.original: (p.label, p.kind, p.aliases) for p in after}
    return sum(old.get(original) != value for original, value in new.items()) + len(
        old.keys() - new.keys())


def _clean(aliases: Iterable[str]) -> tuple[str, ...]:
    return tuple(alias for alias in (normalise_person(a) for a in aliases) if alias)


def _union(*groups: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(item for group in groups for item in group))
