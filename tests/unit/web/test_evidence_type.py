"""Correcting a document's type on its page: nothing is preselected for an unclassified file."""

from __future__ import annotations

import re

from tests.evidence_rows import a_case, add_files
from vocabulary import DocType, TypeSource


def _selected(page: str) -> list[str]:
    select = re.search(r'<select[^>]*name="doc_type".*?</select>', page, re.DOTALL).group(0)
    return re.findall(r'<option value="([^"]*)" selected>', select)


def test_an_unclassified_file_preselects_no_type_and_asks_for_one(app, db, auth, client):
    evidence = add_files(db, a_case(db), 1, doc_type=DocType.UNCLASSIFIED, needs_review=True,
                         doc_type_source=TypeSource.MODEL, doc_type_confidence=0.31)[0]
    auth.login()
    assert _selected(client.get(f"/evidence/{evidence.id}").text) == [""]

    page = client.post(f"/evidence/{evidence.id}/type", data={"doc_type": ""},
                       follow_redirects=True).text
    assert "Choose the document type." in page
    db.refresh(evidence)
    assert (evidence.doc_type, evidence.needs_review) == (DocType.UNCLASSIFIED, True)

    page = client.post(f"/evidence/{evidence.id}/type", data={"doc_type": "clinical_record"},
                       follow_redirects=True).text
    assert "Document type saved." in page
    db.refresh(evidence)
    assert (evidence.doc_type, evidence.needs_review) == (DocType.CLINICAL_RECORD, False)
    assert _selected(page) == ["clinical_record"]


def test_a_typed_file_preselects_its_type(app, db, auth, client):
    evidence = add_files(db, a_case(db), 1, doc_type=DocType.FINANCIAL_RECORD)[0]
    auth.login()
    assert _selected(client.get(f"/evidence/{evidence.id}").text) == ["financial_record"]
