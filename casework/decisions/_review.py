"""Four eyes on every decision: a draft is submitted, a second person requests changes or
approves that one version, and only an approved version is issued.

    draft -> submitted -> changes_requested -> draft ... -> approved -> issued

Drafting again (casework.decisions.draft_decision) puts a decision back to draft, whether
changes were requested or it had been approved: an approval is for one version.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import Conflict, Forbidden, ValidationFailed
from casework.permissions import can_draft, can_review
from casework.stages import move_case
from storage.db import change_if
from storage.models import Decision, DecisionVersion, ReviewComment, User
from vocabulary import CaseStage, DecisionStage, DecisionStatus, ReviewResult, Section

MAX_COMMENT_LENGTH = 10_000


@dataclass(frozen=True)
class SectionComment:
    section: Section
    text: str


def _require(decision: Decision, *allowed: DecisionStatus, doing: str) -> None:
    if decision.status not in allowed:
        raise Conflict(f"The {decision.stage.label.lower()} is {decision.status.value} "
                       f"({decision.status.label.lower()}): it cannot be {doing}")


def _latest(decision: Decision) -> DecisionVersion:
    if not decision.versions:
        raise Conflict(f"The {decision.stage.label.lower()} has no version yet")
    return decision.versions[-1]


def submit_decision(session: Session, decision: Decision, actor: User) -> DecisionVersion:
    """Send the latest version to review."""
    if not can_draft(actor):
        raise Forbidden(f"A {actor.role.label.lower()} does not submit decisions")
    if decision.status is DecisionStatus.CHANGES_REQUESTED:
        raise Conflict(f"Changes were requested to the {decision.stage.label.lower()}: "
                       "draft it again before submitting it")
    _require(decision, DecisionStatus.DRAFT, doing="submitted")
    version = _latest(decision)
    version.submitted_by_id, version.submitted_at = actor.id, datetime.now(UTC)
    _set_status(session, decision, actor, DecisionStatus.SUBMITTED, version)
    return version


def _checked_comments(comments: list[SectionComment]) -> list[SectionComment]:
    kept = []
    for comment in comments:
        text = (comment.text or "").strip()
        if len(text) > MAX_COMMENT_LENGTH:
            raise ValidationFailed(f"A comment must be {MAX_COMMENT_LENGTH:,} characters or "
                                   "fewer", field=comment.section.value)
        if text:
            kept.append(SectionComment(comment.section, text))
    return kept


def _review(session: Session, decision: Decision, actor: User, result: ReviewResult,
            comments: list[SectionComment], seen: int | None) -> DecisionVersion:
    # Who may, then whether now, then what was said: a refusal names the first that fails.
    if not can_review(actor):
        raise Forbidden(f"A {actor.role.label.lower()} does not review decisions: a reviewer "
                        "does")
    _require(decision, DecisionStatus.SUBMITTED,
             doing="approved" if result is ReviewResult.APPROVED else "sent back")
    version = _latest(decision)
    if seen is not None and seen != version.version:
        # Another reviewer sent the version back and a new one came while this one was read.
        raise Conflict(f"You reviewed version {seen}, but version {version.version} is now "
                       "the one under review: read it before you decide")
    if actor.id in {version.created_by_id, version.submitted_by_id}:
        raise Forbidden(f"You drafted version {version.version}: another person must review it")
    comments = _checked_comments(comments)
    if result is ReviewResult.CHANGES_REQUESTED and not comments:
        raise ValidationFailed("Say what should change: add a comment", field="comment")
    for comment in comments:
        session.add(ReviewComment(version=version, section=comment.section, text=comment.text,
                                  author_id=actor.id))
    version.reviewed_by_id, version.reviewed_at = actor.id, datetime.now(UTC)
    version.review_result = result
    status = (DecisionStatus.APPROVED if result is ReviewResult.APPROVED
              else DecisionStatus.CHANGES_REQUESTED)
    # Which sections were commented on, never what was said: comments may name people.
    _set_status(session, decision, actor, status, version,
                sections=[c.section.value for c in comments] or None)
    return version


def request_changes(session: Session, decision: Decision, actor: User,
                    comments: list[SectionComment], *, seen: int | None = None) -> DecisionVersion:
    """Send the version back with comments, at least one. `seen`, when given, is the version
    number the reviewer read: it must still be the one under review."""
    return _review(session, decision, actor, ReviewResult.CHANGES_REQUESTED, comments, seen)


def approve_decision(session: Session, decision: Decision, actor: User,
                     comments: list[SectionComment] = (), *,
                     seen: int | None = None) -> DecisionVersion:
    """Approve the version under review, which someone else drafted; `seen` as above."""
    return _review(session, decision, actor, ReviewResult.APPROVED, list(comments), seen)


def mark_issued(session: Session, decision: Decision, actor: User) -> DecisionVersion:
    """Issue the approved version: the decision and the case's stage move on. The letters'
    delivery is the caller's next step (casework.decisions.deliver_letters)."""
    if not can_draft(actor):
        raise Forbidden(f"A {actor.role.label.lower()} does not issue decisions")
    _require(decision, DecisionStatus.APPROVED, doing="issued until a reviewer approves it")
    version = _latest(decision)
    decision.issued_by_id, decision.issued_at = actor.id, datetime.now(UTC)
    _set_status(session, decision, actor, DecisionStatus.ISSUED, version)
    case = decision.case
    if decision.stage is DecisionStage.PROVISIONAL:
        move_case(session, actor, case, CaseStage.PROVISIONAL_ISSUED)
    else:
        move_case(session, actor, case, CaseStage.FINAL_ISSUED)
        # The organisation now has recommendations to carry out, or nothing left to do.
        move_case(session, actor, case,
                  CaseStage.FOLLOW_UP if case.recommendations else CaseStage.CLOSED)
    return version


def _set_status(session: Session, decision: Decision, actor: User | None,
                status: DecisionStatus, version: DecisionVersion, **detail: object) -> None:
    before = decision.status
    # Only from the state this request saw: of two clicks at once on "Issue", the second is
    # refused, and nothing is sent twice.
    if not change_if(session, decision, "status", status, only_from=[before]):
        raise Conflict(f"The {decision.stage.label.lower()} changed while you were working: "
                       "reload the case to see where it stands")
    record_event(session, actor, f"decision.{status.value}", decision,
                 case_id=decision.case_id, stage=decision.stage.value,
                 version=version.version, **{"from": before.value}, **detail)
    session.flush()
