"""Evidence as a reader knows it: "the Trust's complaint response of 15 May 2025", not
"response_final_v2.docx". The decision's "What we looked at" lists files by their
descriptions, and only those the investigator chose.

A description is suggested from what the file is (its type), whose it is (the complainant's,
the organisation's, an email's sender) and its date (an email's, else the first date on its
first page), and kept once an investigator writes their own. A file is listed unless the
investigator says otherwise, except what was never evidence in its own right: a zip bundle
(its files are listed instead), a duplicate of another file, a file that could not be read.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from casework.addressing import greeting, short_name
from casework.audit import record_event
from casework.errors import ValidationFailed
from casework.evidence._media import ZIP
from casework.formats import uk_date
from storage.models import Evidence, User
from vocabulary import DocType, EvidenceStatus

MAX_DESCRIPTION_LENGTH = 300

# What each type is called in a sentence, and whose it usually is.
_COMPLAINANTS, _ORGANISATIONS = "complainant", "organisation"
_NOUNS: dict[DocType, tuple[str, str | None]] = {
    DocType.COMPLAINT: ("complaint", _COMPLAINANTS),
    DocType.PROVISIONAL_COMMENTS: ("comments on the provisional decision", None),
    DocType.COMPLAINT_RESPONSE: ("complaint response", _ORGANISATIONS),
    DocType.CLINICAL_RECORD: ("clinical record", _ORGANISATIONS),
    DocType.POLICY_GUIDANCE: ("policy", _ORGANISATIONS),
    DocType.FINANCIAL_RECORD: ("financial record", None),
    DocType.EVIDENCE_OF_COMPLIANCE: ("evidence of compliance", _ORGANISATIONS),
    DocType.CORRESPONDENCE: ("letter", None),
    DocType.WITNESS_STATEMENT: ("witness statement", None),
    DocType.PROFESSIONAL_ADVICE: ("independent professional advice", None),
}


def suggested_description(evidence: Evidence) -> str:
    """What the file is, whose, and of when, as a sentence would name it."""
    case = evidence.case
    sender = _email_sender(evidence)
    noun, owner = _NOUNS.get(evidence.doc_type, (None, None))
    if sender:
        noun, whose = (noun if noun and noun != "letter" else "email"), _possessive(sender)
    elif noun is None:
        return evidence.filename
    elif owner == _COMPLAINANTS:
        whose = _possessive(greeting(case.complainant_name))
    elif owner == _ORGANISATIONS:
        whose = _possessive(short_name(case.organisation.name))
    else:
        whose = "a" if noun[0] not in "aeiou" else "an"
        if noun.endswith("advice") or noun.startswith("comments") or noun.startswith("evidence"):
            whose = ""
    written = _written_on(evidence)
    return " ".join(filter(None, [whose, noun, f"of {uk_date(written)}" if written else ""]))


def description_of(evidence: Evidence) -> str:
    """The investigator's description, or the suggestion."""
    return evidence.description or suggested_description(evidence)


def listable(evidence: Evidence) -> bool:
    """Whether the file is evidence in its own right: read, and not a bundle of others."""
    return evidence.status is EvidenceStatus.PROCESSED and evidence.media_type != ZIP


def listed_in_decision(evidence: Evidence) -> bool:
    """Whether "What we looked at" lists the file: as the investigator chose, else if it is
    listable at all."""
    return listable(evidence) and evidence.in_decision is not False


def describe_evidence(session: Session, evidence: Evidence, actor: User | None,
                      description: str, listed: bool) -> None:
    """Keep an investigator's description of the file (empty: the suggestion again), and
    whether the decision lists it."""
    description = " ".join((description or "").split())
    if len(description) > MAX_DESCRIPTION_LENGTH:
        raise ValidationFailed(f"The description must be {MAX_DESCRIPTION_LENGTH} characters "
                               "or fewer", field="description")
    if not listable(evidence):
        raise ValidationFailed("Only a file that was read is described in the decision: not a "
                               "zip bundle, a duplicate or a file that failed", field="listed")
    evidence.description = description or None
    evidence.in_decision = listed
    record_event(session, actor, "evidence.described", evidence, case_id=evidence.case_id,
                 described=bool(description), listed=listed)
    session.flush()


def _email_sender(evidence: Evidence) -> str:
    sender = str((evidence.details or {}).get("from") or "")
    name = sender.split("<")[0].strip().strip('"')
    return name or sender.strip("<> ")


def _written_on(evidence: Evidence) -> date | None:
    """An email's date, else the first date on the file's first page (where a letter is
    dated), if it is not after the file came in."""
    sent = str((evidence.details or {}).get("date") or "")
    try:
        return date.fromisoformat(sent[:10])
    except ValueError:
        pass
    received = evidence.created_at.date() if evidence.created_at else date.max
    first_page = [e for e in evidence.events if e.page == 1 and e.date <= received]
    return min(first_page, key=lambda e: e.id).date if first_page else None


def _possessive(name: str) -> str:
    return name + "'s"
