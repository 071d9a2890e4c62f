"""The anonymised decision for publication: pseudonyms in, identifiers out, leaks blocked."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casework.anonymisation_review import require_approved, reviewed_map
from casework.anonymise import anonymise_context
from casework.audit import record_event
from casework.decisions import plain_decision_context, with_line_breaks
from casework.documents import LETTERS_DIR, render_docx
from casework.leak_check import check_publishable, docx_text
from storage.models import Decision, User


def publication_filename(decision: Decision) -> str:
    return f"{decision.case.reference}-decision-anonymised.docx"


def publication_document(session: Session, decision: Decision, actor: User | None,
                         today: date) -> bytes:
    """The decision rendered with the investigator's approved map.

    Raises NotApproved until the map is approved and still covers everyone the case names,
    and LeakFound if any known identifier survives: the leak check is the last gate.
    """
    case = decision.case
    reviewed = reviewed_map(session, case, today)
    require_approved(reviewed)
    mapping = reviewed.anonymisation_map()
    plain = plain_decision_context(case, today, decision.stage)
    document = render_docx(LETTERS_DIR / "decision.docx",
                           with_line_breaks(anonymise_context(plain, mapping)))
    check_publishable(docx_text(document), mapping)
    # The audit records that it happened and how much was changed, never the real names.
    record_event(session, actor, "decision.publication_rendered", decision, case_id=case.id,
                 pseudonyms=len(mapping.pseudonyms), identifiers=len(mapping.identifiers))
    session.commit()
    return document
