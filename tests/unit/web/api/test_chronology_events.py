"""Chronology events through the API: added, corrected, dismissed and restored, and refused
with the field that is wrong."""

from datetime import date

from storage.models import Case
from tests.evidence_rows import add_read_file

SEEN = "Dr Jones saw Mrs B on 3 March 2026."


def a_told_case(app, db, api):
    case_id = api.post("/api/v1/cases", json={
        "complainant_name": "Mrs B Example", "organisation_name": "A Trust"}).json["id"]
    file = add_read_file(db, app.extensions["casework.storage"].objects, db.get(Case, case_id),
                         "notes.pdf", [(date(2026, 3, 3), SEEN, 1)], pages=(SEEN,))
    return f"/api/v1/cases/{case_id}/chronology", file


def test_an_event_is_added_corrected_dismissed_and_restored(app, db, api):
    url, file = a_told_case(app, db, api)
    added = api.post(url, json={"date": "2026-03-05", "text": "Mrs B went home.",
                                "evidence_id": file.id, "page": 1})
    assert added.status_code == 201, added.json
    assert {key: added.json[key] for key in ("date", "text", "source", "corrected",
                                             "dismissed", "evidence_id", "page")} == {
        "date": "2026-03-05", "text": "Mrs B went home.", "source": "investigator",
        "corrected": False, "dismissed": False, "evidence_id": file.id, "page": 1}

    [found, _added] = api.get(url).json["items"]
    corrected = api.patch(f"{url}/{found['event_id']}", json={"date": "2026-03-02"})
    assert (corrected.json["date"], corrected.json["text"], corrected.json["corrected"]) == (
        "2026-03-02", SEEN, True)

    api.patch(f"{url}/{found['event_id']}", json={"dismissed": True})
    assert [item["text"] for item in api.get(url).json["items"]] == ["Mrs B went home."]
    assert [item["text"] for item in api.get(url, query_string={"dismissed": "true"}
                                             ).json["items"]] == [SEEN]
    restored = api.patch(f"{url}/{found['event_id']}", json={"dismissed": False})
    assert restored.json["dismissed"] is False
    assert len(api.get(url).json["items"]) == 2


def test_a_refused_event_says_why(app, db, api):
    url, file = a_told_case(app, db, api)
    wanted = {"date": "2026-03-05", "text": "Mrs B went home.", "evidence_id": file.id,
              "page": 1}
    for changes, message in [
        ({"page": 2}, f"Evidence {file.number} has 1 page(s): enter one of them"),
        ({"evidence_id": 999999}, "There is no evidence with id 999999 in this case"),
        ({"text": " "}, "Enter what happened"),
        ({"date": "5 March"}, "date must be a date like 2026-03-31"),
    ]:
        refused = api.post(url, json=wanted | changes)
        assert refused.status_code == 422
        assert refused.json["error"]["message"] == message
    assert api.patch(f"{url}/999999", json={"dismissed": True}).status_code == 404
