"""The chronology page's own changes: an event added, corrected, dismissed and restored, and
a refused one shown as the GOV.UK error summary."""

import re
from datetime import date

from storage.models import EvidenceEntity
from tests.drafting import date_fields
from tests.evidence_rows import a_case, add_read_file
from vocabulary import EntityLabel

SEEN = "Dr Jones saw Mrs B on 3 March 2026."


def told_case(app, db):
    case = a_case(db)
    file = add_read_file(db, app.extensions["casework.storage"].objects, case, "notes.pdf",
                         [(date(2026, 3, 3), SEEN, 1)], pages=(SEEN,))
    return case, file


def form_token(page: str) -> str:
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def test_an_event_is_added_with_the_people_it_names(app, db, client, auth):
    case, file = told_case(app, db)
    db.add(EvidenceEntity(evidence_id=file.id, label=EntityLabel.PERSON, text="Dr Jones",
                          value="Dr Jones", page=1, start=0, end=8))
    db.commit()
    auth.login()
    page = client.get(f"/cases/{case.id}/chronology").text
    added = client.post(f"/cases/{case.id}/chronology/events", follow_redirects=True, data={
        "csrf_token": form_token(page), **date_fields("date", date(2026, 3, 4)),
        "evidence_number": file.number,
        "page": 1, "text": "Dr Jones phoned Mrs B."}).text
    assert "Event added." in added and "Dr Jones phoned Mrs B." in added
    assert "Names: Dr Jones" in added and "Added by an investigator" in added


def test_a_refused_event_is_summarised_and_linked_to_its_fields(app, db, client, auth):
    case, file = told_case(app, db)
    auth.login()
    page = client.get(f"/cases/{case.id}/chronology").text
    refused = client.post(f"/cases/{case.id}/chronology/events", data={
        "csrf_token": form_token(page), "date-day": "30", "date-month": "2",
        "date-year": "2026", "evidence_number": "three",
        "page": "", "text": ""}).text
    assert "<title>Error: Chronology" in refused
    assert 'class="govuk-error-summary"' in refused
    for target, message in [("date-day", "Date must be a real date"),
                            ("text", "Enter what happened"),
                            ("page", "Enter the page the event is told on"),
                            ("evidence_number",
                             "The evidence number must be a whole number, like 3")]:
        assert f'<a href="#{target}">{message}</a>' in refused
    assert "Not a valid" not in refused
    beyond = client.post(f"/cases/{case.id}/chronology/events", data={
        "csrf_token": form_token(page), **date_fields("date", date(2026, 3, 4)),
        "evidence_number": file.number,
        "page": 5, "text": "Seen."}).text
    assert f'<a href="#page">Evidence {file.number} has 1 page(s): enter one of them</a>' in beyond


def test_an_event_is_corrected_dismissed_and_restored(app, db, client, auth):
    case, file = told_case(app, db)
    [event] = file.events
    auth.login()
    form = client.get(f"/cases/{case.id}/chronology/{event.id}/change").text
    assert "Change the event" in form and SEEN in form
    wrong = client.post(f"/cases/{case.id}/chronology/{event.id}/change", data={
        "csrf_token": form_token(form), "text": SEEN,
        **dict.fromkeys(("date-day", "date-month", "date-year"), "")}).text
    assert "<title>Error: Change the event" in wrong
    assert '<a href="#date-day">Enter the date of the event</a>' in wrong
    corrected = client.post(f"/cases/{case.id}/chronology/{event.id}/change",
                            follow_redirects=True, data={
                                "csrf_token": form_token(form),
                                **date_fields("date", date(2026, 3, 2)),
                                "text": "Dr Jones saw Mrs B."}).text
    assert "Event corrected." in corrected and "Corrected by an investigator" in corrected
    assert "2 March 2026" in corrected

    dismissed = client.post(f"/cases/{case.id}/chronology/{event.id}/dismiss",
                            follow_redirects=True, data={"csrf_token": form_token(corrected),
                                                         "dismissed": "yes"}).text
    assert "Dr Jones saw Mrs B." not in dismissed.split("Event dismissed")[1]
    listed = client.get(f"/cases/{case.id}/chronology", query_string={"dismissed": "yes"}).text
    assert "Dr Jones saw Mrs B." in listed and "Restore" in listed
    restored = client.post(f"/cases/{case.id}/chronology/{event.id}/dismiss",
                           follow_redirects=True, data={"csrf_token": form_token(listed),
                                                        "dismissed": "no"}).text
    assert "Event restored to the chronology." in restored
    assert "Dr Jones saw Mrs B." in client.get(f"/cases/{case.id}/chronology").text
