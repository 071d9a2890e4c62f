"""Decisions: the drafted versions, provisional then final, each frozen in object storage
with its letters."""

from __future__ import annotations

import hashlib
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.decisions._context import COMMENT_PERIOD, decision_context
from casework.decisions._documents import (
    DECISION_TEMPLATE,
    DOCX_MEDIA_TYPE,
    LETTER_TEMPLATES,
    recipient,
    render_docx,
)
from casework.decisions._pdf import docx_to_pdf
from casework.drafting import case_outcome
from casework.errors import NotFound, ValidationFailed, one_of
from casework.formats import office_date, uk_date
from storage.models import (
    Case,
    Decision,
    DecisionVersion,
    User,
)
from storage.objects import ObjectStore, put_bytes
from vocabulary import DecisionStage, DecisionStatus, Outcome


def decision_stage(value: str) -> DecisionStage:
    """The stage named in a request; provisional unless said otherwise."""
    return one_of(DecisionStage, value, "stage") if value else DecisionStage.PROVISIONAL


def letter_key(version_key: str, to: str) -> str:
    """Where a version's letter to `to` is kept, beside the decision itself."""
    return version_key.removesuffix(".docx") + f"-{recipient(to).value}-letter.docx"


def letter_filename(decision: Decision, version: DecisionVersion, to: str) -> str:
    return (f"{decision.case.reference}-{decision.stage.value}-letter-to-{recipient(to).value}"
            f"-v{version.version}.docx")


def _current_draft(session: Session, case: Case, stage: DecisionStage) -> Decision | None:
    # FOR UPDATE (PostgreSQL) makes a second click wait for the first to commit its version.
    return session.scalar(
        select(Decision)
        .where(Decision.case_id == case.id, Decision.stage == stage,
               Decision.status == DecisionStatus.DRAFT)
        .order_by(Decision.id.desc())
        .with_for_update()
    )


def version_date(version: DecisionVersion) -> date:
    """The date the version's document bears."""
    return version.dated or office_date(version.created_at)


def comments_due(session: Session, case: Case) -> date | None:
    """When comments on the latest provisional decision are due; None before there is one."""
    latest = session.scalar(
        select(DecisionVersion).join(Decision)
        .where(Decision.case_id == case.id, Decision.stage == DecisionStage.PROVISIONAL)
        .order_by(DecisionVersion.created_at.desc(), DecisionVersion.id.desc())
        .limit(1)
    )
    return version_date(latest) + COMMENT_PERIOD if latest is not None else None


def draft_decision(
    session: Session, store: ObjectStore, case: Case, actor: User | None, today: date,
    stage: DecisionStage = DecisionStage.PROVISIONAL,
) -> DecisionVersion:
    """Render the case's decision at `stage` as a new version of its draft, frozen in storage.

    A final decision comes after a provisional one has gone out for comment (DOMAIN.md).
    """
    provisional_drafted = comments_due(session, case) is not None
    if stage is DecisionStage.FINAL and not provisional_drafted:
        raise ValidationFailed("Share a provisional decision for comment before the final one",
                               field="stage")
    _check_deadlines(case, today)
    context = decision_context(case, today, stage)
    outcome = case_outcome(case)
    document = render_docx(DECISION_TEMPLATE, context)
    # The letters are frozen with the version they go out with.
    letters = {to: render_docx(template, context) for to, template in LETTER_TEMPLATES.items()}
    attempt = 1
    while True:
        try:
            return _save_version(session, store, case, actor, stage, outcome, document, letters,
                                 today)
        except (IntegrityError, OperationalError) as error:
            # Two drafts of one case at the same moment chose the same version number, or both
            # opened a draft: the database refused the later one (PostgreSQL by the unique
            # constraints, SQLite by refusing a write from a reader that is out of date). It
            # tries again and takes the next number.
            session.rollback()
            if attempt == VERSION_ATTEMPTS or not _lost_a_race(error):
                raise
            attempt += 1


VERSION_ATTEMPTS = 3


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


def _lost_a_race(error: IntegrityError | OperationalError) -> bool:
    return isinstance(error, IntegrityError) or "database is locked" in str(error.orig)


def _save_version(session: Session, store: ObjectStore, case: Case, actor: User | None,
                  stage: DecisionStage, outcome: Outcome, document: bytes,
                  letters: dict[str, bytes], dated: date) -> DecisionVersion:
    decision = _current_draft(session, case, stage)
    if decision is None:
        decision = Decision(case=case, stage=stage, outcome=outcome,
                            created_by_id=actor.id if actor is not None else None)
        session.add(decision)
        session.flush()
    decision.outcome = outcome
    latest = session.scalar(select(func.max(DecisionVersion.version))
                            .where(DecisionVersion.decision_id == decision.id))
    number = (latest or 0) + 1
    sha256 = hashlib.sha256(document).hexdigest()
    key = f"decisions/{case.id}/{decision.id}/v{number}-{sha256}.docx"
    version = DecisionVersion(
        decision=decision,
        version=number,
        object_key=key,
        sha256=sha256,
        size=len(document),
        dated=dated,
        created_by_id=actor.id if actor is not None else None,
    )
    session.add(version)
    # The row is claimed before anything is written to storage, so a refused number
    # leaves no stray objects behind.
    session.flush()
    for to, letter in letters.items():
        put_bytes(store, letter_key(key, to), letter, DOCX_MEDIA_TYPE)
    put_bytes(store, key, document, DOCX_MEDIA_TYPE)
    record_event(session, actor, "decision.drafted", decision,
                 case_id=case.id, stage=stage.value, version=number, sha256=sha256)
    session.commit()
    return version


def get_decision(session: Session, decision_id: int) -> Decision:
    decision = session.get(Decision, decision_id)
    if decision is None:
        raise NotFound(f"no decision with id {decision_id}")
    return decision


def list_decisions(session: Session, case: Case) -> list[Decision]:
    return list(session.scalars(
        select(Decision).where(Decision.case_id == case.id).order_by(Decision.id)
    ))


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


def version_pdf_key(store: ObjectStore, version: DecisionVersion) -> str:
    """Where the frozen version's PDF is: converted on first request, then kept beside it."""
    key = version.object_key.removesuffix(".docx") + ".pdf"
    if not store.exists(key):
        put_bytes(store, key, docx_to_pdf(store.get(version.object_key)), "application/pdf")
    return key
