"""The anonymised decision for publication: pseudonyms in, identifiers out, leaks blocked."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.decisions import (
    TEMPLATES_DIR,
    get_version,
    plain_decision_context,
    render_docx,
    version_date,
    with_line_breaks,
)
from casework.errors import DomainError
from casework.publication._anonymise import anonymise_context
from casework.publication._leak_check import check_publishable, docx_text
from casework.publication._review import require_approved, reviewed_map
from storage.models import Decision, User
from storage.objects import ObjectStore
from vocabulary import DecisionStage


def publication_filename(decision: Decision) -> str:
    return f"{decision.case.reference}-decision-anonymised.docx"


class NotPublishable(DomainError):
    """Only the final decision, as it was drafted, is published."""

    code = "not_publishable"


def publication_document(session: Session, store: ObjectStore, decision: Decision,
                         actor: User | None, today: date) -> bytes:
    """The final decision's latest version, rendered again with the approved map.

    Raises NotPublishable for a provisional decision, or when the case has changed since the
    version was drafted (the published text must be the decision that was made); NotApproved
    until the map is approved and still covers everyone the case names; and LeakFound if any
    known identifier survives: the leak check is the last gate.
    """
    case = decision.case
    if decision.stage is not DecisionStage.FINAL:
        raise NotPublishable("Only a final decision is published; this one is provisional.")
    version = get_version(decision)
    drafted_on = version_date(version)
    plain = plain_decision_context(case, drafted_on, decision.stage)
    if docx_text(render_docx(TEMPLATES_DIR / "decision.docx", with_line_breaks(plain))) != \
            docx_text(store.get(version.object_key)):
        raise NotPublishable(
            f"The case has changed since version {version.version} of the final decision was "
            "drafted: draft the final decision again, then publish that version.")
    reviewed = reviewed_map(session, case, today)
    require_approved(reviewed)
    mapping = reviewed.anonymisation_map()
    document = render_docx(TEMPLATES_DIR / "decision.docx",
                           with_line_breaks(anonymise_context(plain, mapping)))
    check_publishable(docx_text(document), mapping)
    # The audit records that it happened and how much was changed, never the real names.
    record_event(session, actor, "decision.publication_rendered", decision, case_id=case.id,
                 people=len(mapping.people), identifiers=len(mapping.identifiers))
    session.commit()
    return document
