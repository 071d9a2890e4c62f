"""Files described as a reader knows them, and listed in the decision as the investigator
chose: never a zip bundle, a duplicate or a file that failed."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from casework.errors import ValidationFailed
from casework.evidence import (
    describe_evidence,
    description_of,
    listed_in_decision,
    suggested_description,
)
from storage.models import Case, Evidence, EvidenceEvent, Organisation
from vocabulary import DocType, EvidenceStatus

RECEIVED = datetime(2025, 6, 1, 10, tzinfo=UTC)


def evidence(doc_type=DocType.OTHER, *, filename="file.pdf", details=None, events=(),
             media_type="application/pdf", status=EvidenceStatus.PROCESSED,
             organisation="Northtown Hospitals NHS Foundation Trust") -> Evidence:
    case = Case(complainant_name="Mrs Ada Lovelace", organisation=Organisation(name=organisation))
    return Evidence(case=case, filename=filename, doc_type=doc_type, details=details or {},
                    sha256="0" * 64, size=1, object_key=f"evidence/{filename}",
                    media_type=media_type, status=status, created_at=RECEIVED,
                    events=[EvidenceEvent(id=n, date=d, page=p, text="t")
                            for n, (d, p) in enumerate(events, start=1)])


@pytest.mark.parametrize(("file", "described"), [
    (evidence(DocType.COMPLAINT_RESPONSE, events=[(date(2025, 5, 15), 1)]),
     "the Trust's complaint response of 15 May 2025"),
    (evidence(DocType.COMPLAINT, events=[(date(2025, 3, 3), 1), (date(2025, 1, 2), 2)]),
     "Mrs Lovelace's complaint of 3 March 2025"),
    (evidence(DocType.CLINICAL_RECORD, organisation="Riverside Surgery"),
     "the Surgery's clinical record"),
    (evidence(DocType.CORRESPONDENCE, details={"from": "Sister Jane Doe <jane@northtown.example>",
                                               "date": "2025-04-18T18:13:20+01:00"}),
     "Sister Jane Doe's email of 18 April 2025"),
    (evidence(DocType.WITNESS_STATEMENT, events=[(date(2025, 4, 2), 1)]),
     "a witness statement of 2 April 2025"),
    (evidence(DocType.PROFESSIONAL_ADVICE), "independent professional advice"),
    # A date after the file came in is not when it was written (a review date, say).
    (evidence(DocType.CORRESPONDENCE, events=[(date(2026, 1, 1), 1)]), "a letter"),
    (evidence(DocType.UNCLASSIFIED, filename="scan0001.pdf"), "scan0001.pdf"),
])
def test_a_file_is_described_by_what_it_is_whose_and_when(file, described):
    assert suggested_description(file) == described
    assert description_of(file) == described


def test_the_investigators_description_and_choice_are_kept(db):
    file = evidence(DocType.OTHER)
    db.add(file)
    db.flush()
    describe_evidence(db, file, None, "  the ward's  fluid chart ", listed=False)
    assert description_of(file) == "the ward's fluid chart"
    assert not listed_in_decision(file)

    describe_evidence(db, file, None, "", listed=True)  # the suggestion again
    assert description_of(file) == "file.pdf" and listed_in_decision(file)


@pytest.mark.parametrize("file", [
    evidence(media_type="application/zip", filename="bundle.zip"),
    evidence(status=EvidenceStatus.DUPLICATE),
    evidence(status=EvidenceStatus.FAILED),
])
def test_bundles_duplicates_and_failures_are_never_listed(db, file):
    assert not listed_in_decision(file)
    with pytest.raises(ValidationFailed, match="Only a file that was read"):
        describe_evidence(db, file, None, "A bundle", listed=True)


def test_a_description_has_a_limit(db):
    with pytest.raises(ValidationFailed, match="300 characters or fewer"):
        describe_evidence(db, evidence(), None, "x" * 301, listed=True)
