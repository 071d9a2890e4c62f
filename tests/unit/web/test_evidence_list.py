"""The evidence list of a large case: the overview and the evidence page sum it up, the list
pages through it with its filters kept, and the API answers a page with a `next` link in a
fixed number of queries."""

from __future__ import annotations

import re

from tests.evidence_rows import a_case, add_files, statements
from vocabulary import DocType, EvidenceStatus


def test_the_case_page_sums_up_the_evidence_instead_of_listing_it(app, db, auth, client):
    case = a_case(db)
    add_files(db, case, 30)
    add_files(db, case, 2, status=EvidenceStatus.FAILED, doc_type=None)
    auth.login()

    overview = client.get(f"/cases/{case.id}").text
    assert "32 files: 2 could not be read" in overview
    # The evidence page's summary, as it is polled: counts and the latest files.
    page = client.get(f"/cases/{case.id}/evidence-summary").text
    assert "32 files" in page and "30 processed" in page and "2 failed" in page
    assert "file-00031.pdf" in page and "file-00027.pdf" in page  # the latest five
    assert "file-00026.pdf" not in page and "file-00000.pdf" not in page
    assert f'href="/cases/{case.id}/evidence?status=failed"' in page
    assert "hx-get" not in page  # nothing is being processed: nothing to poll


def test_the_list_pages_through_the_files_keeping_its_filters(app, db, auth, client):
    case = a_case(db)
    add_files(db, case, 120)
    add_files(db, case, 3, doc_type=DocType.CLINICAL_RECORD)
    auth.login()

    first = client.get(f"/cases/{case.id}/evidence").text
    assert "Files 1 to 50 of 123" in first
    assert "file-00049.pdf" in first and "file-00050.pdf" not in first
    assert re.search(r'href="[^"]*page=2"[^>]*rel="next"', first)
    third = client.get(f"/cases/{case.id}/evidence?page=3").text
    assert "Files 101 to 123 of 123" in third and 'rel="next"' not in third

    records = client.get(f"/cases/{case.id}/evidence?doc_type=clinical_record"
                         "&sort=filename&descending=true").text
    assert "Files 1 to 3 of 3" in records
    assert records.index("file-00122.pdf") < records.index("file-00120.pdf")
    assert "Evidence 123" in records  # its number in the case, not on the page

    # A filter the address got wrong is said beside it; the list still shows.
    wrong = client.get(f"/cases/{case.id}/evidence?uploaded_from-day=31&uploaded_from-month=2"
                       "&uploaded_from-year=2026&page=x")
    assert wrong.status_code == 200 and "Uploaded from must be a real date" in wrong.text
    assert "Files 1 to 50 of 123" in wrong.text
    assert "There is no page 9" in client.get(f"/cases/{case.id}/evidence?page=9").text


def test_the_api_pages_with_a_total_and_a_next_link(app, db, api):
    case = a_case(db)
    add_files(db, case, 7)
    answer = api.get(f"/api/v1/cases/{case.id}/evidence?per_page=3&sort=uploaded").json
    assert (answer["total"], answer["page"], answer["per_page"]) == (7, 1, 3)
    assert [item["filename"] for item in answer["items"]] == [
        "file-00000.pdf", "file-00001.pdf", "file-00002.pdf"]
    pages = [answer]
    while pages[-1]["next"]:
        pages.append(api.get(pages[-1]["next"]).json)
    assert [len(p["items"]) for p in pages] == [3, 3, 1]
    assert "sort=uploaded" in pages[0]["next"] and pages[-1]["page"] == 3
    assert pages[-1]["items"][0]["steps"][0]["name"] == "extract"

    for wrong in ("per_page=0", "per_page=501", "page=-1", "status=lost", "sort=size"):
        refused = api.get(f"/api/v1/cases/{case.id}/evidence?{wrong}")
        assert refused.status_code == 422, wrong
        assert refused.json["error"]["code"] == "validation_failed"


def test_the_api_list_costs_the_same_queries_for_3_files_or_300(app, db, api):
    small, large = a_case(db), a_case(db)
    add_files(db, small, 3)
    add_files(db, large, 300)

    def cost(case) -> int:
        with statements(db) as sent:
            answer = api.get(f"/api/v1/cases/{case.id}/evidence?per_page=500")
        assert answer.status_code == 200
        return len(sent), len(answer.json["items"])

    (few, shown_few), (many, shown_many) = cost(small), cost(large)
    assert (shown_few, shown_many) == (3, 300)
    assert few == many
