"""Decisions: the drafted versions, provisional then final, each frozen in object storage
with its letters."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.decisions._comments import both_sides_replied
from casework.decisions._context import (
    COMMENT_PERIOD,
    context_fingerprint,
    letter_context,
    plain_decision_context,
    with_line_breaks,
)
from casework.decisions._documents import (
    DECISION_TEMPLATE,
    DOCX_MEDIA_TYPE,
    LETTER_TEMPLATES,
    recipient_named,
    render_docx,
)
from casework.drafting import case_outcome
from casework.errors import Conflict, NotFound, ValidationFailed, one_of
from casework.formats import office_date, uk_date
from storage.db import insert_unless_present
from storage.models import Case, Decision, DecisionLetter, DecisionVersion, User
from storage.objects import ObjectStore, put_bytes
from vocabulary import DecisionStage, DecisionStatus, Outcome, Recipient


def decision_stage(value: str) -> DecisionStage:
    """The stage named in a request; provisional unless said otherwise."""
    return one_of(DecisionStage, value, "stage") if value else DecisionStage.PROVISIONAL


def get_letter(version: DecisionVersion, to: str) -> DecisionLetter:
    """The letter to `to` that was frozen with the version; NotFound for anyone else."""
    wanted = recipient_named(to)
    for letter in version.letters:
        if letter.recipient is wanted:
            return letter
    raise NotFound(f"version {version.version} has no letter to {wanted.value}")


def letter_filename(decision: Decision, version: DecisionVersion, to: str) -> str:
    return (f"{decision.case.reference}-{decision.stage.value}-letter-to-"
            f"{recipient_named(to).value}-v{version.version}.docx")


def current_context(version: DecisionVersion) -> dict | None:
    """The plain context the version was made from, when the case still says it: the context
    on the date the version bears has the version's fingerprint. None when the case has
    changed since; a template edited since changes nothing."""
    decision = version.decision
    if version.context_sha256 is None:
        return None
    try:
        plain = plain_decision_context(decision.case, version_date(version), decision.stage)
    except ValidationFailed:
        return None  # nothing could be drafted now: certainly changed
    return plain if context_fingerprint(plain) == version.context_sha256 else None


def is_current(version: DecisionVersion) -> bool:
    """Whether the case still says what the version was made from."""
    return current_context(version) is not None


def decision_at(session: Session, case: Case, stage: DecisionStage, *,
                lock: bool = False) -> Decision | None:
    """The case's decision at `stage`, if drafted."""
    query = select(Decision).where(Decision.case_id == case.id, Decision.stage == stage)
    # FOR UPDATE (PostgreSQL) makes a second click wait for the first to commit its version.
    return session.scalar(query.with_for_update() if lock else query)


def version_date(version: DecisionVersion) -> date:
    """The date the version's document bears."""
    return version.dated or office_date(version.created_at)


def comments_due(session: Session, case: Case) -> date | None:
    """The last day for comments on the provisional decision: two weeks from the day it was
    issued. None until it is."""
    provisional = decision_at(session, case, DecisionStage.PROVISIONAL)
    if provisional is None or provisional.issued_at is None:
        return None
    return office_date(provisional.issued_at) + COMMENT_PERIOD


def draft_decision(
    session: Session, store: ObjectStore, case: Case, actor: User | None, today: date,
    stage: DecisionStage = DecisionStage.PROVISIONAL, early_reason: str | None = None,
) -> DecisionVersion:
    """Render the case's decision at `stage` as a new version, frozen in storage. A decision
    that had been approved, or sent back, is a draft again: its new version needs review.

    A final decision follows the provisional one's comments (DOMAIN.md): it is drafted once
    the comment period has ended or both sides have replied, or earlier with a reason, which
    is kept. The caller commits.
    """
    decision = decision_at(session, case, stage, lock=True)
    if decision is not None:
        _check_redraftable(decision)
    reason = _early_reason(session, case, today, early_reason) \
        if stage is DecisionStage.FINAL else None
    _check_deadlines(case, today)
    plain = plain_decision_context(case, today, stage)
    context = with_line_breaks(plain)
    outcome = case_outcome(case)
    document = render_docx(DECISION_TEMPLATE, context)
    # The letters are frozen with the version they go out with.
    signed = context | letter_context(case)
    letters = {to: render_docx(template, signed) for to, template in LETTER_TEMPLATES.items()}
    version = _save_version(session, store, case, actor, stage, outcome, document, letters,
                            today, plain)
    if reason is not None:
        version.decision.early_reason = reason
        record_event(session, actor, "decision.drafted_early", version.decision,
                     case_id=case.id, stage=stage.value, version=version.version)
    return version


def _check_redraftable(decision: Decision) -> None:
    stage = decision.stage.label.lower()
    if decision.status is DecisionStatus.SUBMITTED:
        raise Conflict(f"The {stage} is submitted (awaiting review): wait for the review "
                       "before drafting it again")
    if decision.status is DecisionStatus.ISSUED:
        raise Conflict(f"The {stage} is issued: its versions are frozen")


def _early_reason(session: Session, case: Case, today: date,
                  reason: str | None) -> str | None:
    """The reason for drafting the final decision now, when one is needed; else None."""
    provisional = decision_at(session, case, DecisionStage.PROVISIONAL)
    if provisional is None or provisional.status is not DecisionStatus.ISSUED:
        raise Conflict("Issue the provisional decision for comment before drafting the final "
                       "one")
    due = comments_due(session, case)
    if today > due or both_sides_replied(session, case):
        return None
    reason = (reason or "").strip()
    if not reason:
        raise Conflict(f"The comment period runs until {uk_date(due)} and both sides have not "
                       "yet replied: give a reason to draft the final decision early")
    return reason


def _check_deadlines(case: Case, today: date) -> None:
    """Refuse a decision that would ask for something by a date already gone.

    A decision drafted some time after its recommendations were made must not carry a due
    date that has passed. Numbers follow the decision's own list of recommendations.
    """
    for number, recommendation in enumerate(case.recommendations, start=1):
        due = recommendation.due_date
        if due is not None and due < today:
            raise ValidationFailed(
                f"Recommendation {number} ({recommendation.kind.label}) is due on "
                f"{uk_date(due)}, which has passed: change its due date",
                field="recommendations")


def _save_version(session: Session, store: ObjectStore, case: Case, actor: User | None,
                  stage: DecisionStage, outcome: Outcome, document: bytes,
                  letters: dict[Recipient, bytes], dated: date,
                  plain: dict) -> DecisionVersion:
    decision = _open_decision(session, case, stage, outcome, actor)
    decision.outcome = outcome
    previous = decision.status
    decision.status = DecisionStatus.DRAFT
    sha256 = hashlib.sha256(document).hexdigest()
    # Named by its content: the same document is the same object, whatever its number.
    key = f"decisions/{case.id}/{decision.id}/{sha256}.docx"
    # Two drafts at the same moment (two clicks, two people) get one number each, without a
    # retry: on PostgreSQL the draft's row is locked (FOR UPDATE in _current_draft) until
    # this one commits; on SQLite the number is taken inside the INSERT, which holds the
    # database's one write lock.
    next_number = (select(func.coalesce(func.max(DecisionVersion.version), 0) + 1)
                   .where(DecisionVersion.decision_id == decision.id).scalar_subquery())
    version_id = session.execute(
        insert(DecisionVersion).values(
            decision_id=decision.id, version=next_number, object_key=key, sha256=sha256,
            size=len(document), dated=dated, context_sha256=context_fingerprint(plain),
            context=plain,
            created_by_id=actor.id if actor is not None else None)
        .returning(DecisionVersion.id)
    ).scalar_one()
    version = session.get(DecisionVersion, version_id)
    session.expire(decision, ["versions"])
    version.letters = [_letter(case, decision, to, letter) for to, letter in letters.items()]
    session.flush()
    # The rows come first, so a refused draft leaves no stray objects behind.
    for letter, content in zip(version.letters, letters.values(), strict=True):
        put_bytes(store, letter.object_key, content, DOCX_MEDIA_TYPE)
    put_bytes(store, key, document, DOCX_MEDIA_TYPE)
    record_event(session, actor, "decision.drafted", decision,
                 case_id=case.id, stage=stage.value, version=version.version, sha256=sha256,
                 **{"from": previous.value})
    return version


def _open_decision(session: Session, case: Case, stage: DecisionStage, outcome: Outcome,
                   actor: User | None) -> Decision:
    """The case's decision at `stage`, opened now if there is none. Of two opened at the
    same moment the database keeps one, and the other finds it."""
    decision = decision_at(session, case, stage, lock=True)
    if decision is not None:
        return decision
    opened = insert_unless_present(
        session, Decision.__table__,
        {"case_id": case.id, "stage": stage, "status": DecisionStatus.DRAFT, "outcome": outcome,
         "created_by_id": actor.id if actor is not None else None},
        unique=["case_id", "stage"])
    return session.get(Decision, opened) if opened is not None else decision_at(
        session, case, stage, lock=True)


def _letter(case: Case, decision: Decision, to: Recipient, content: bytes) -> DecisionLetter:
    """The row of a letter frozen with a version, kept beside the decision under its own hash."""
    sha256 = hashlib.sha256(content).hexdigest()
    return DecisionLetter(recipient=to, sha256=sha256, size=len(content),
                          object_key=f"decisions/{case.id}/{decision.id}/{sha256}-{to.value}"
                                     "-letter.docx")


def get_decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"no decision with id {decision_id}")
    return decision


def list_decisions(session: Session, case: Case) -> list[Decision]:
    return list(session.scalars(
        select(Decision).where(Decision.case_id == case.id).order_by(Decision.id)
    ))


def find_version(session: Session, version_id: int) -> DecisionVersion:
    """A version by its own id, whichever decision it is of."""
    version = session.get(DecisionVersion, version_id)
    if version is None:
        raise NotFound(f"no decision version with id {version_id}")
    return version


def get_version(decision: Decision, number: int | None = None) -> DecisionVersion:
    """Version `number` of the decision's document, or the latest when None."""
    if not decision.versions:
        raise NotFound(f"decision {decision.id} has no document yet")
    if number is None:
        return decision.versions[-1]
    for version in decision.versions:
        if version.version == number:
            return version
    raise NotFound(f"decision {decision.id} has no version {number}")


def document_filename(decision: Decision, version: DecisionVersion, suffix: str = "docx") -> str:
    return (f"{decision.case.reference}-{decision.stage.value}-decision-v{version.version}"
            f".{suffix}")
