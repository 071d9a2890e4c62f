"""The chronology and search across a case's evidence, a page at a time, on the pages and
through the API alike."""

import csv
import io
import re
from datetime import date, timedelta

from tests.evidence_rows import a_case, add_read_file

FIRST_DAY = date(2026, 1, 1)


def case_with_events(app, db, days: int):
    """A case of two files telling the same event on each of `days` days: one line each."""
    store = app.extensions["casework.storage"].objects
    case = a_case(db)
    told = [(FIRST_DAY + timedelta(days=n), f"Nurse visit number {n} at home.", 1)
            for n in range(days)]
    first = add_read_file(db, store, case, "first.pdf", told)
    again = add_read_file(db, store, case, "again.pdf", [(d, t.rstrip("."), 2) for d, t, _ in told])
    return case, first, again


def test_the_chronology_page_shows_a_page_of_events_with_the_pager(app, db, client, auth):
    case, first, again = case_with_events(app, db, 60)
    auth.login()
    page = client.get(f"/cases/{case.id}/chronology", query_string={"page": 2}).text
    assert "Events 51 to 60 of 60" in page
    assert "Nurse visit number 50 at home." in page and "number 49 " not in page
    # Each line names both files that tell it.
    assert page.count(f"Evidence {first.number}, page 1") == 10
    assert page.count(f"Evidence {again.number}, page 2") == 10
    assert 'class="govuk-pagination"' in page and 'rel="prev"' in page
    assert 'rel="next"' not in page
    assert "There is no page 9" in client.get(f"/cases/{case.id}/chronology?page=9").text


def test_choosing_an_event_on_page_two_comes_back_to_it(app, db, client, auth):
    case, _, _ = case_with_events(app, db, 60)
    auth.login()
    page = client.get(f"/cases/{case.id}/chronology", query_string={"page": 2}).text
    action = re.search(r'action="(/cases/\d+/chronology/(\d+)/decision)"', page)
    chosen = client.post(action.group(1), data={"in_decision": "yes", "page": "2"})
    assert chosen.headers["Location"] == (
        f"/cases/{case.id}/chronology?page=2#event-{action.group(2)}")
    assert "Included" in client.get(chosen.headers["Location"]).text


def test_the_chronology_download_holds_every_event(app, db, client, auth):
    case, first, again = case_with_events(app, db, 60)
    auth.login()
    download = client.get(f"/cases/{case.id}/chronology.csv")
    rows = list(csv.reader(io.StringIO(download.text)))
    assert rows[0] == ["date", "event", "evidence", "file", "page", "also in"]
    assert len(rows) == 61
    assert rows[-1] == [(FIRST_DAY + timedelta(days=59)).isoformat(),
                        "Nurse visit number 59 at home.", f"Evidence {first.number}",
                        "first.pdf", "1", f"Evidence {again.number}, page 2"]


def test_the_api_answers_the_chronology_a_page_at_a_time(app, db, client, api):
    case, first, again = case_with_events(app, db, 5)
    answer = api.get(f"/api/v1/cases/{case.id}/chronology?per_page=2&page=2").json
    assert (answer["total"], answer["page"], answer["per_page"]) == (5, 2, 2)
    assert answer["next"].endswith(f"/api/v1/cases/{case.id}/chronology?per_page=2&page=3")
    assert [(e["date"], e["also_in"]) for e in answer["items"]] == [
        ((FIRST_DAY + timedelta(days=n)).isoformat(),
         [{"evidence_id": again.id, "page": 2}]) for n in (2, 3)]
    last = api.get(f"/api/v1/cases/{case.id}/chronology?per_page=2&page=3").json
    assert last["next"] is None and len(last["items"]) == 1
    assert api.get(f"/api/v1/cases/{case.id}/chronology?per_page=0").status_code == 422


def case_with_pages(app, db, pages: int):
    """A case of one file of `pages` pages, each naming the district nurse's visit."""
    store = app.extensions["casework.storage"].objects
    case = a_case(db)
    add_read_file(db, store, case, "notes.pdf", [],
                  pages=[f"Page {n}: the district nurse visited." for n in range(1, pages + 1)])
    return case


def test_the_search_page_shows_a_page_of_hits_with_the_pager(app, db, client, auth):
    case = case_with_pages(app, db, 60)
    auth.login()
    page = client.get(f"/cases/{case.id}/search", query_string={"q": "nurse", "page": 2}).text
    assert "60 pages found" in page and "Showing 51 to 60, best first." in page
    assert page.count("Evidence 1: notes.pdf, page ") == 10
    assert 'class="govuk-pagination"' in page and 'rel="prev"' in page
    assert f'href="/cases/{case.id}/search?q=nurse&amp;page=1"' in page


def test_past_the_most_counted_the_search_says_more_than(app, db, client, auth, monkeypatch):
    monkeypatch.setattr("casework.evidence._search.MOST_COUNTED", 20)
    case = case_with_pages(app, db, 30)
    auth.login()
    page = client.get(f"/cases/{case.id}/search", query_string={"q": "nurse"}).text
    assert "More than 20 pages found" in page and "Only the first 20 are listed" in page


def test_the_api_answers_search_hits_a_page_at_a_time(app, db, api):
    case = case_with_pages(app, db, 5)
    url = f"/api/v1/cases/{case.id}/search?q=district+nurse&per_page=2&page="
    answer = api.get(url + "2").json
    assert {key: answer[key] for key in ("total", "page", "per_page", "more")} == {
        "total": 5, "page": 2, "per_page": 2, "more": False}
    assert answer["next"].endswith(
        f"/api/v1/cases/{case.id}/search?q=district+nurse&per_page=2&page=3")
    assert len(answer["items"]) == 2 and "nurse" in answer["items"][0]["snippet"]
    last = api.get(url + "3").json
    assert len(last["items"]) == 1 and last["next"] is None
    nothing = api.get(f"/api/v1/cases/{case.id}/search?q=surgeon").json
    assert (nothing["items"], nothing["total"], nothing["next"]) == ([], 0, None)
