"""Old Word, OpenDocument text, Excel and CSV files through a real worker, embedded and on
services: each becomes processed, searchable evidence with its text in its pages."""

from __future__ import annotations

import io

import pytest

from tests.integration.conftest import wait_until_done
from tests.office_files import old_word_doc, opendocument_odt, payments_csv, payments_xlsx

pytestmark = pytest.mark.integration


def test_old_word_opendocument_excel_and_csv_become_evidence(service):
    app, token, worker, _settings = service
    client = app.test_client()
    headers = {"Authorization": f"Bearer {token}"}
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mrs Ada Lovelace", "organisation_name": "Riverside Surgery"}).json
    files = {"file-note.doc": old_word_doc(), "file-note.odt": opendocument_odt(),
             "payments.xlsx": payments_xlsx(), "payments.csv": payments_csv()}
    response = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers, data={
        "file": [(io.BytesIO(content), name) for name, content in files.items()],
    }, content_type="multipart/form-data")
    assert response.status_code == 202, response.json
    ids = {item["filename"]: item["id"] for item in response.json["items"]}

    states = wait_until_done(client, headers, list(ids.values()), worker, timeout=180.0)
    assert {name: states[ids[name]]["status"] for name in files} == dict.fromkeys(
        files, "processed"), states
    assert {name: states[ids[name]]["media_type"] for name in files} == {
        "file-note.doc": "application/msword",
        "file-note.odt": "application/vnd.oasis.opendocument.text",
        "payments.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "payments.csv": "text/csv",
    }

    def page_texts(name: str) -> list[str]:
        pages = client.get(f"/api/v1/evidence/{ids[name]}/pages", headers=headers).json
        return [page["text"] for page in pages["items"]]

    for name in ("file-note.doc", "file-note.odt"):
        assert "telephoned on 3 March 2026 about the missed call back" in page_texts(name)[0]
    assert page_texts("payments.xlsx")[0].splitlines()[2] == "2026-03-03\tMrs Lovelace\t450"
    assert "2026-03-03\tLovelace, Ada\t£450" in page_texts("payments.csv")[0]

    def found(query: str) -> set[int]:
        hits = client.get(f"/api/v1/cases/{case['id']}/search", headers=headers,
                          query_string={"q": query}).json["items"]
        return {hit["evidence_id"] for hit in hits}

    assert found("missed call back") == {ids["file-note.doc"], ids["file-note.odt"]}
    assert found("refund") == {ids["payments.xlsx"]}
    assert found("Lovelace") == set(ids.values())
    assert worker.alive()
