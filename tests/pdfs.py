"""Decision PDFs as a worker makes them, with stand-ins for LibreOffice where a test is about
what happens around the conversion rather than the conversion itself (tests/integration has
the real ones)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from casework.cases import create_case
from casework.decisions import draft_decision, get_decision, get_version, make_version_pdf
from casework.drafting import FindingInput, add_finding
from casework.formats import office_today
from casework.users import get_user_by_email
from storage.models import DecisionVersion
from storage.objects import ObjectStore
from tests.conftest import INVESTIGATOR
from vocabulary import PdfStatus
from wiring import MAKE_DECISION_PDF


def drafted_version(session: Session, store: ObjectStore) -> DecisionVersion:
    """A provisional decision's first version, drafted by the investigator and committed."""
    drafter = get_user_by_email(session, INVESTIGATOR[0])
    case = create_case(session, drafter, "Mrs Ada Lovelace", "Northtown Hospitals NHS Trust")
    add_finding(session, case, drafter, FindingInput(
        title="Communication", what_happened="Nobody called the family.",
        what_should_have_happened="The family is told within four hours.",
        conclusion="service_failure", complaint_point="Mrs Lovelace was not told.",
        injustice="Distress."))
    version = draft_decision(session, store, case, drafter, office_today())
    session.commit()
    return version


class StandInOffice:
    """Writes a small PDF that names the document it was given, and counts its calls."""

    def __init__(self) -> None:
        self.calls = 0

    def convert(self, source: Path, target: Path, timeout_s: float) -> None:
        self.calls += 1
        target.write_bytes(b"%PDF-1.7 made from " + source.name.encode())


class RefusingOffice(StandInOffice):
    """Writes nothing, as LibreOffice does with a document it cannot open."""

    def convert(self, source: Path, target: Path, timeout_s: float) -> None:
        self.calls += 1


def make_pdf_as_worker(session: Session, store: ObjectStore, decision_id: int,
                       office: StandInOffice | None = None) -> PdfStatus:
    """Make the latest version's PDF as the worker's task does, with a stand-in office."""
    version = get_version(get_decision(session, decision_id))
    return make_version_pdf(store, version, office=office or StandInOffice())


def queued_pdfs(broker_dir: Path) -> list[int]:
    """The version ids the embedded broker holds PDF requests for, taking them off it."""
    ids = []
    for path in sorted((broker_dir / "queue").glob("*.msg")):
        headers = json.loads(path.read_text())["headers"]
        if headers["task"] == MAKE_DECISION_PDF:
            ids.append(json.loads(headers["argsrepr"].replace("'", '"'))[0])
            path.unlink()
    return ids
