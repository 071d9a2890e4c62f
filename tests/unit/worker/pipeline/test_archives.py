"""Through the whole pipeline: a zip is unpacked whatever its first member looks like."""

from __future__ import annotations

import io

from sqlalchemy import select

from casework.cases import get_case
from casework.evidence import measure_stream, sniff_media_type, store_evidence
from storage.models import Evidence
from tests import hazards
from tests.fixtures import complaint_pdf
from tests.unit.worker.pipeline.test_runner import new_case, upload
from vocabulary import EvidenceStatus


def test_a_stored_zip_starting_with_a_pdf_yields_both_members_as_evidence(api, db, process):
    case_id = new_case(api)
    [bundle] = upload(api, case_id, ("bundle.zip", hazards.stored_zip_starting_with_pdf()))
    process([bundle])

    rows = {e.filename: e for e in db.scalars(select(Evidence))}
    assert set(rows) == {"bundle.zip", "complaint.pdf", "notes.txt"}
    assert rows["bundle.zip"].media_type == "application/zip"
    assert {name: (row.parent_id, row.status) for name, row in rows.items()} == {
        "bundle.zip": (None, EvidenceStatus.PROCESSED),
        "complaint.pdf": (bundle, EvidenceStatus.PROCESSED),
        "notes.txt": (bundle, EvidenceStatus.PROCESSED),
    }
    assert rows["complaint.pdf"].size == len(complaint_pdf())
    assert rows["bundle.zip"].details["attachments"] == [rows["complaint.pdf"].id,
                                                        rows["notes.txt"].id]


def test_an_archive_over_its_budget_fails_whole_with_the_reason(app, api, db, process):
    case_id = new_case(api)
    content = hazards.many_megabyte_members_zip()
    # Stored as an upload stores it; a test-client upload this large leaves a spooled file open.
    stream = io.BytesIO(content)
    sha256, size = measure_stream(stream, 10**8)
    evidence = store_evidence(db, app.extensions["casework.storage"].objects,
                              get_case(db, case_id), None, "pages.zip", stream,
                              sniff_media_type(io.BytesIO(content)), sha256, size)
    db.commit()
    bomb = evidence.id
    process([bomb])
    state = api.get(f"/api/v1/evidence/{bomb}").json
    assert (state["status"], state["error"]) == (
        "failed", "zip bomb: the members of the zip archive total 480 MiB, over the 200 MiB budget")
    assert [e.filename for e in db.scalars(select(Evidence))] == ["pages.zip"]
