"""What an organisation sees of its decisions: the ones issued on cases about it, with the
issued version's letter to it and the decision itself; never a draft, evidence, or another
organisation's. While the provisional decision's comment period is open it may comment.

Every view and download is on record (`portal.viewed`, `portal.downloaded`), and so is every
id asked for that is not the organisation's to see (`access.refused`, then "not found").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.decisions import (
    comments_due,
    document_filename,
    get_letter,
    get_version,
    letter_filename,
    record_comment,
)
from casework.errors import Conflict, NotFound
from casework.evidence import Upload
from storage.models import Case, CaseComment, Decision, User
from vocabulary import CaseStage, DecisionStage, DecisionStatus, Recipient

# What an organisation may download of an issued decision: its own letter, and the decision.
PORTAL_DOCUMENTS = ("letter", "decision")


@dataclass(frozen=True)
class PortalDownload:
    """Where a download's bytes are, and the name it is sent under."""

    object_key: str
    filename: str


def organisation_decisions(session: Session, user: User) -> list[Decision]:
    """The decisions issued on cases about `user`'s organisation, newest first."""
    if user.organisation_id is None:
        return []
    return list(session.scalars(
        select(Decision).join(Case, Case.id == Decision.case_id)
        .where(Case.organisation_id == user.organisation_id,
               Decision.status == DecisionStatus.ISSUED)
        .order_by(Decision.issued_at.desc(), Decision.id.desc())))


def get_issued_decision_for(session: Session, user: User, decision_id: int) -> Decision:
    """The decision, when it was issued on a case about `user`'s organisation. Anything else
    (a draft, another organisation's, no such decision) is not found to them, and the attempt
    is on record; the caller commits it before answering."""
    decision = session.get(Decision, decision_id)
    if decision is not None and decision.status is DecisionStatus.ISSUED \
            and user.organisation_id is not None \
            and decision.case.organisation_id == user.organisation_id:
        return decision
    record_event(session, user, "access.refused", user,
                 case_id=decision.case_id if decision is not None else None,
                 record="decision", record_id=decision_id)
    raise NotFound(f"no decision with id {decision_id}")


def record_portal_view(session: Session, user: User, subject: object) -> None:
    """Put on record that `user` looked at `subject` (their organisation's list, a decision,
    a recommendation) in the portal."""
    record_event(session, user, "portal.viewed", subject,
                 case_id=getattr(subject, "case_id", None))


def portal_download(session: Session, user: User, decision: Decision,
                    document: str) -> PortalDownload:
    """The issued version's letter to the organisation, or the decision itself, put on record
    as downloaded. `decision` comes from `get_issued_decision_for`."""
    # An issued decision takes no new versions: its latest is the one that was issued.
    version = get_version(decision)
    if document == "letter":
        to = Recipient.ORGANISATION.value
        download = PortalDownload(get_letter(version, to).object_key,
                                  letter_filename(decision, version, to))
    elif document == "decision":
        download = PortalDownload(version.object_key, document_filename(decision, version))
    else:
        raise NotFound(f"no {document} with decision {decision.id}")
    record_event(session, user, "portal.downloaded", decision, case_id=decision.case_id,
                 document=document, version=version.version)
    return download


def comments_open_until(session: Session, decision: Decision, today: date) -> date | None:
    """The last day the organisation may comment on `decision` from the portal: set while it
    is the issued provisional decision, its case waiting for comments and the period not
    over; None otherwise."""
    case = decision.case
    if decision.stage is not DecisionStage.PROVISIONAL \
            or case.stage is not CaseStage.PROVISIONAL_ISSUED:
        return None
    due = comments_due(session, case)
    return due if due is not None and today <= due else None


def send_portal_comments(session: Session, store, user: User, decision: Decision, today: date,
                         *, text: str | None = None, upload: Upload | None = None,
                         max_bytes: int) -> CaseComment:
    """Record the organisation's comments on its provisional decision, typed or as a file,
    while the comment period is open. The caller commits, then queues the file's evidence."""
    if comments_open_until(session, decision, today) is None:
        raise Conflict("Comments on this decision are closed: the comment period is over, or "
                       "it is not a provisional decision")
    return record_comment(session, store, decision.case, user, Recipient.ORGANISATION.value,
                          text=text, upload=upload, max_bytes=max_bytes)
