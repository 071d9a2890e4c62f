"""The anonymised decision for publication: pseudonyms in, identifiers out, leaks blocked."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casework.anonymise import AnonymisationMap, anonymise_context, map_for_case
from casework.audit import record_event
from casework.decisions import plain_decision_context, with_line_breaks
from casework.documents import LETTERS_DIR, render_docx
from casework.leak_check import check_publishable, docx_text
from storage.models import Decision, User


def publication_filename(decision: Decision) -> str:
    return f"{decision.case.reference}-decision-anonymised.docx"


def proposed_map(decision: Decision, today: date) -> AnonymisationMap:
    """The map the investigator reviews: who becomes whom, and what is removed."""
    return map_for_case(decision.case, plain_decision_context(decision.case, today, decision.stage))


def publication_document(session: Session, decision: Decision, actor: User | None,
                         today: date) -> bytes:
    """The decision rendered anonymised; raises LeakFound if any known identifier survives."""
    case = decision.case
    plain = plain_decision_context(case, today, decision.stage)
    mapping = map_for_case(case, plain)
    document = render_docx(LETTERS_DIR / "decision.docx",
                           with_line_breaks(anonymise_context(plain, mapping)))
    check_publishable(docx_text(document), mapping)
    # The audit records that it happened and how much was changed, never the real names.
    record_event(session, actor, "decision.publication_rendered", decision, case_id=case.id,
                 pseudonyms=len(mapping.pseudonyms), identifiers=len(mapping.identifiers))
    session.commit()
    return document
