"""An investigator's hand in the chronology: events added, corrected, dismissed and restored,
each on the audit record without its words, and each kept when the file is read again."""

from datetime import date

import pytest
from sqlalchemy import select

from casework.errors import ValidationFailed
from casework.evidence import (
    LONGEST_WRITTEN_EVENT,
    add_event,
    case_chronology,
    chronology_page,
    correct_event,
    dismiss_event,
    record_results,
    reuse_reading,
)
from storage.models import AuditEvent, Evidence, EvidenceEntity, EvidenceEvent, EvidencePage, User
from tests.evidence_rows import a_case, add_read_file
from vocabulary import EntityLabel, EventSource

DAY = date(2026, 3, 3)
SEEN = "Dr Jones saw Mrs B on 3 March 2026."


def listed(entries):
    return [(e.date, e.text, e.source, e.corrected, e.also_in) for e in entries]


def trail(db):
    return [(e.action, e.subject_type, e.detail) for e in db.scalars(
        select(AuditEvent).where(AuditEvent.action.like("chronology.%")).order_by(AuditEvent.id))]


@pytest.fixture
def read(app, db):
    """A case with a file of two pages whose reading found one event, and its investigator."""
    store = app.extensions["casework.storage"].objects
    case = a_case(db)
    file = add_read_file(db, store, case, "notes.pdf", [(DAY, SEEN, 1)],
                         pages=(SEEN, "Mrs B went home."))
    actor = db.scalar(select(User).where(User.email == "investigator@example.org"))
    return store, case, file, actor


def read_again(db, store, file, events, entities=()):
    record_results(db, store, file, pages=[EvidencePage(evidence_id=file.id, number=1, text="")],
                   entities=list(entities), events=[
                       EvidenceEvent(evidence_id=file.id, date=d, text=t, page=p)
                       for d, t, p in events],
                   doc_type=None, doc_type_confidence=None, media_type="application/pdf")
    db.commit()


def test_an_added_event_names_its_source_and_the_people_on_its_page(db, read):
    store, case, file, actor = read
    db.add(EvidenceEntity(evidence_id=file.id, label=EntityLabel.PERSON, text="Mrs B",
                          value="Mrs B", page=2, start=0, end=5))
    event = add_event(db, case, actor, when=date(2026, 3, 5), text=" Mrs B  went home. ",
                      evidence_number=file.number, page=2)
    db.commit()
    assert (event.text, event.source, event.people) == (
        "Mrs B went home.", EventSource.INVESTIGATOR, ["Mrs B"])
    assert listed(case_chronology(db, case))[-1] == (
        date(2026, 3, 5), "Mrs B went home.", EventSource.INVESTIGATOR, False, [])
    assert trail(db) == [("chronology.added", "evidenceevent",
                          {"evidence_id": file.id, "page": 2})]


@pytest.mark.parametrize(("changes", "field"), [
    ({"text": "  "}, "text"),
    ({"text": "x" * (LONGEST_WRITTEN_EVENT + 1)}, "text"),
    ({"evidence_number": 99}, "evidence_number"),
    ({"page": 3}, "page"),
])
def test_an_event_that_cannot_be_added_says_which_field_is_wrong(db, read, changes, field):
    _store, case, file, actor = read
    wanted = {"when": DAY, "text": "Seen.", "evidence_number": file.number, "page": 1}
    with pytest.raises(ValidationFailed) as refused:
        add_event(db, case, actor, **wanted | changes)
    assert refused.value.field == field


def test_a_correction_keeps_what_was_found_and_survives_reading_again(db, read):
    store, case, file, actor = read
    [event] = file.events
    correct_event(db, case, actor, event.id, when=date(2026, 3, 4), text="Dr Jones saw Mrs B.")
    db.commit()
    assert (event.found_date, event.found_text) == (DAY, SEEN)
    # The same reading again: the worker's event is not added beside the correction.
    read_again(db, store, file, [(DAY, SEEN, 1), (date(2026, 3, 9), "Discharged.", 1)])
    assert listed(case_chronology(db, case)) == [
        (date(2026, 3, 4), "Dr Jones saw Mrs B.", EventSource.MACHINE, True, []),
        (date(2026, 3, 9), "Discharged.", EventSource.MACHINE, False, []),
    ]
    assert trail(db) == [("chronology.corrected", "evidenceevent",
                          {"changed": ["date", "text"]})]


def test_a_dismissed_event_stays_dismissed_with_its_retellings_until_restored(app, db, read):
    store, case, file, actor = read
    copy = add_read_file(db, store, case, "copy.pdf", [(DAY, SEEN, 2)])
    [event] = file.events
    dismiss_event(db, case, actor, event.id, True)
    db.commit()
    assert listed(case_chronology(db, case)) == []
    assert [(e.event_id, e.also_in) for e in chronology_page(db, case, 1, dismissed=True).items
            ] == [(event.id, [(copy.id, 2)])]

    read_again(db, store, file, [(DAY, SEEN, 1)])
    assert chronology_page(db, case, 1).total == 0

    dismiss_event(db, case, actor, event.id, False)
    db.commit()
    assert listed(case_chronology(db, case)) == [
        (DAY, SEEN, EventSource.MACHINE, False, [(copy.id, 2)])]
    assert [action for action, _subject, _detail in trail(db)] == [
        "chronology.dismissed", "chronology.restored"]


def test_events_the_worker_found_are_replaced_when_the_file_is_read_again(db, read):
    store, case, file, _actor = read
    read_again(db, store, file, [(date(2026, 4, 1), "Seen again on 1 April 2026.", 1)])
    assert [e.text for e in case_chronology(db, case)] == ["Seen again on 1 April 2026."]


def test_another_case_reusing_the_reading_gets_what_the_worker_found_alone(app, db, read):
    store, case, file, actor = read
    [event] = file.events
    correct_event(db, case, actor, event.id, when=date(2026, 3, 4), text="Seen by Dr Jones.")
    add_event(db, case, actor, when=date(2026, 3, 5), text="Went home.",
              evidence_number=file.number, page=2)
    db.commit()
    other = a_case(db)
    copy = Evidence(case=other, filename="notes.pdf", media_type="application/pdf",
                    sha256=file.sha256, size=1, object_key="copy", number=1)
    db.add(copy)
    db.flush()
    reuse_reading(db, store, copy, file)
    db.commit()
    assert listed(case_chronology(db, other)) == [
        (DAY, SEEN, EventSource.MACHINE, False, [])]
