"""What each side says about the provisional decision, recorded on the case and considered
in the final one: typed text, or a file that goes through the evidence pipeline."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import Conflict, ValidationFailed, one_of
from casework.evidence import Upload, add_evidence
from storage.models import Case, CaseComment, User
from vocabulary import CaseStage, DocType, Recipient, TypeSource

MAX_COMMENT_LENGTH = 50_000


def record_comment(session: Session, store, case: Case, actor: User | None, sender: str,
                   *, text: str | None = None, upload: Upload | None = None,
                   max_bytes: int) -> CaseComment:
    """Record one side's comments, typed or sent as a file; the caller commits, then queues
    the file's evidence (`to_process([comment.evidence])`)."""
    side = one_of(Recipient, sender, "from")
    if case.stage is CaseStage.INVESTIGATION:
        raise Conflict("No provisional decision has been issued on this case: there is "
                       "nothing to comment on yet")
    if case.stage is not CaseStage.PROVISIONAL_ISSUED:
        raise Conflict("The final decision has been issued: comments on the provisional "
                       "decision are closed")
    text = (text or "").strip() or None
    if (text is None) == (upload is None):
        raise ValidationFailed("Send the comments as text or as one file", field="text")
    if text is not None and len(text) > MAX_COMMENT_LENGTH:
        raise ValidationFailed(f"Comments must be {MAX_COMMENT_LENGTH:,} characters or fewer; "
                               "send a longer reply as a file", field="text")
    comment = CaseComment(case=case, sender=side, text=text,
                          created_by_id=actor.id if actor is not None else None)
    session.add(comment)
    if upload is not None:
        [evidence] = add_evidence(session, store, case, actor, [upload], max_bytes)
        # Known by how it arrived, so the classifier's guess never replaces it.
        evidence.doc_type = DocType.PROVISIONAL_COMMENTS
        evidence.doc_type_source = TypeSource.INVESTIGATOR
        evidence.doc_type_confidence = None
        comment.evidence = evidence
    session.flush()
    record_event(session, actor, "case.comments_recorded", comment, case_id=case.id,
                 sender=side.value, evidence_id=comment.evidence_id)
    return comment


def list_comments(session: Session, case: Case) -> list[CaseComment]:
    return list(session.scalars(
        select(CaseComment).where(CaseComment.case_id == case.id)
        .order_by(CaseComment.created_at, CaseComment.id)))


def both_sides_replied(session: Session, case: Case) -> bool:
    senders = set(session.scalars(
        select(CaseComment.sender).where(CaseComment.case_id == case.id)))
    return senders >= set(Recipient)
