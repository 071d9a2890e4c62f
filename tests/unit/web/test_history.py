"""A case's history: the page, its CSV, and the API, seen only by those who see the case."""

import csv
import io
import json

from casework.cases import create_case
from casework.users import create_user, get_user_by_email
from storage.models import Case
from tests.conftest import INVESTIGATOR
from tests.fixtures import complaint_pdf

OTHER_INVESTIGATOR = ("other@example.org", "other-investigator-pass")


def case_with_history(client, db) -> tuple[int, str]:
    """A case the signed-in investigator opened, searched and added a file to."""
    response = client.post("/cases/new", data={
        "complainant_name": "Mrs Ada Lovelace", "organisation_name": "Riverside Surgery",
        "summary": "Cancelled appointment"})
    case_id = int(response.headers["Location"].rsplit("/", 1)[1])
    client.post(f"/cases/{case_id}/evidence", data={"files": [
        (io.BytesIO(complaint_pdf()), "Lovelace GP letter.pdf")]},
        content_type="multipart/form-data")
    client.get(f"/cases/{case_id}/search", query_string={"q": "Lovelace appointment"})
    return case_id, db.get(Case, case_id).reference


def another_investigators_case(db) -> int:
    other = create_user(db, *OTHER_INVESTIGATOR, "investigator")
    case = create_case(db, other, "Mr Ben Example", "A Trust")
    db.commit()
    return case.id


def test_the_case_page_links_to_its_history(client, auth, db):
    auth.login()
    case_id, _ = case_with_history(client, db)
    assert f'href="/cases/{case_id}/history">History</a>' in \
        client.get(f"/cases/{case_id}").text


def test_the_investigator_reads_the_history_oldest_first(client, auth, db):
    auth.login()
    case_id, _ = case_with_history(client, db)
    page = client.get(f"/cases/{case_id}/history")
    assert page.status_code == 200
    text = page.text
    assert f'href="/cases/{case_id}"' in text and "govuk-back-link" in text
    for heading in ("When", "Who", "What", "Record", "Details"):
        assert f'<th scope="col" class="govuk-table__header">{heading}</th>' in text
    positions = [text.index(what) for what in ("Case created", "Evidence uploaded",
                                               "Case searched")]
    assert positions == sorted(positions)
    assert INVESTIGATOR[0] in text and f"case {case_id}" in text
    # Neither the file's name nor the words searched for are on record.
    table = text[text.index("<table"):]
    assert "Lovelace" not in table and "appointment" not in table


def test_the_csv_download(client, auth, db):
    auth.login()
    case_id, reference = case_with_history(client, db)
    response = client.get(f"/cases/{case_id}/history.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == \
        f"attachment; filename={reference}-history.csv"
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert [row["action"] for row in rows] == ["case.created", "evidence.uploaded",
                                               "case.searched"]
    assert {row["actor"] for row in rows} == {INVESTIGATOR[0]}
    assert rows[0]["record"] == f"case {case_id}"
    assert json.loads(rows[0]["detail"]) == {"reference": reference}
    assert "Lovelace" not in response.text


def test_another_investigators_case_is_not_found(client, auth, db):
    other_case = another_investigators_case(db)
    auth.login()
    for url in (f"/cases/{other_case}/history", f"/cases/{other_case}/history.csv"):
        assert client.get(url).status_code == 404, url
    auth.logout()
    auth.login(OTHER_INVESTIGATOR)
    assert client.get(f"/cases/{other_case}/history").status_code == 200


def test_the_api_gives_the_trail_as_json_and_csv(client, auth, api, db):
    auth.login()
    case_id, reference = case_with_history(client, db)
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    response = api.get(f"/api/v1/cases/{case_id}/audit")
    assert response.status_code == 200
    items = response.json["items"]
    assert [set(item) for item in items] == [{"at", "actor", "action", "detail"}] * 3
    assert [item["action"] for item in items] == ["case.created", "evidence.uploaded",
                                                  "case.searched"]
    assert items[0]["actor"] == {"id": investigator.id, "email": INVESTIGATOR[0],
                                 "name": investigator.name}
    assert items[0]["detail"] == {"reference": reference}
    assert [item["at"] for item in items] == sorted(item["at"] for item in items)

    download = api.get(f"/api/v1/cases/{case_id}/audit", query_string={"format": "csv"})
    assert download.status_code == 200 and download.mimetype == "text/csv"
    assert download.headers["Content-Disposition"] == \
        f"attachment; filename={reference}-history.csv"
    assert download.text == client.get(f"/cases/{case_id}/history.csv").text

    refused = api.get(f"/api/v1/cases/{case_id}/audit", query_string={"format": "xml"})
    assert refused.status_code == 422 and refused.json["error"]["code"]


def test_the_api_refuses_another_investigators_case(api, db):
    other_case = another_investigators_case(db)
    response = api.get(f"/api/v1/cases/{other_case}/audit")
    assert response.status_code == 404 and response.json["error"]["code"] == "not_found"


def test_the_service_itself_is_a_null_actor(api, db):
    case = create_case(db, None, "Mr Ben Example", "A Trust")
    case.assignee = get_user_by_email(db, INVESTIGATOR[0])
    db.commit()
    [created] = api.get(f"/api/v1/cases/{case.id}/audit").json["items"]
    assert created["actor"] is None and created["action"] == "case.created"


def test_a_long_history_is_read_a_page_at_a_time_and_downloaded_whole(client, auth, api, db):
    auth.login()
    case_id, reference = case_with_history(client, db)
    for _ in range(120):  # every look at a file is on the record
        client.get(f"/cases/{case_id}/search", query_string={"q": "appointment"})
    total = api.get(f"/api/v1/cases/{case_id}/audit?per_page=1").json["total"]
    assert total > 120

    first = client.get(f"/cases/{case_id}/history").text
    assert f"Events 1 to 50 of {total}" in first and 'rel="next"' in first
    assert "Case created" in first  # oldest first
    last = client.get(f"/cases/{case_id}/history?page=3").text
    assert f"Events 101 to {total} of {total}" in last and 'rel="next"' not in last
    assert "Case created" not in last

    answer = api.get(f"/api/v1/cases/{case_id}/audit?per_page=100").json
    assert len(answer["items"]) == 100 and answer["page"] == 1
    rest = api.get(answer["next"]).json
    assert len(rest["items"]) == total - 100 and rest["next"] is None
    assert "per_page=100" in answer["next"]

    whole = api.get(f"/api/v1/cases/{case_id}/audit?format=csv")
    assert len(list(csv.reader(io.StringIO(whole.text)))) == total + 1  # with its header
    assert reference in whole.headers["Content-Disposition"]
