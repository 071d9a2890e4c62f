from datetime import date

from casework.cases import create_case
from casework.evidence import case_chronology, chronology_page, record_results
from storage.models import EvidencePage
from tests.evidence_rows import add_read_file as add_evidence


def told(entries):
    return [(e.date, e.evidence_id, e.page, e.also_in) for e in entries]


def test_events_are_merged_sorted_and_folded(app, db):
    store = app.extensions["casework.storage"].objects
    case = create_case(db, None, "Mrs A", "A Trust")
    letter = add_evidence(db, store, case, "letter", [
        (date(2026, 3, 3), "On 3 March 2026 the ward did not call the family.", 1),
        (date(2026, 1, 14), "She was admitted on 14 January 2026.", 2),
    ])
    notes = add_evidence(db, store, case, "notes", [
        # The same event, the date written another way: folded into the letter's telling.
        (date(2026, 3, 3), "On 03/03/2026, the ward did not call the family", 4),
        (date(2026, 3, 3), "A doctor reviewed her on 3 March 2026.", 4),
    ])
    expected = [
        (date(2026, 1, 14), letter.id, 2, []),
        (date(2026, 3, 3), letter.id, 1, [(notes.id, 4)]),
        (date(2026, 3, 3), notes.id, 4, []),
    ]
    assert told(case_chronology(db, case)) == expected
    assert told(chronology_page(db, case, 1).items) == expected


def test_same_words_on_another_day_are_another_event(app, db):
    store = app.extensions["casework.storage"].objects
    case = create_case(db, None, "Mrs A", "A Trust")
    add_evidence(db, store, case, "a", [(date(2026, 3, 3), "Mrs B went home on 3 March.", 1)])
    add_evidence(db, store, case, "b", [(date(2026, 3, 4), "Mrs B went home on 4 March.", 1)])
    assert len(list(case_chronology(db, case))) == 2


def test_a_page_shows_its_events_with_every_retelling_and_counts_them_all(app, db):
    store = app.extensions["casework.storage"].objects
    case = create_case(db, None, "Mrs A", "A Trust")
    days = [date(2026, 1, day) for day in range(1, 8)]
    first = add_evidence(db, store, case, "first", [
        (day, f"Visit number {day.day} by the district nurse.", 1) for day in days])
    again = add_evidence(db, store, case, "again", [
        (day, f"Visit number {day.day} by the district nurse", 2) for day in days])

    second = chronology_page(db, case, page=2, per_page=3)
    assert (second.total, second.pages, second.has_next) == (7, 3, True)
    assert told(second.items) == [(day, first.id, 1, [(again.id, 2)]) for day in days[3:6]]
    assert told(chronology_page(db, case, page=3, per_page=3).items) == [
        (days[6], first.id, 1, [(again.id, 2)])]


def test_a_file_read_again_is_folded_again(app, db):
    store = app.extensions["casework.storage"].objects
    case = create_case(db, None, "Mrs A", "A Trust")
    day = date(2026, 2, 2)
    letter = add_evidence(db, store, case, "letter", [(day, "The GP refused a home visit.", 1)])
    notes = add_evidence(db, store, case, "notes", [(day, "The GP refused a home visit", 3)])
    # The letter's reading changes: its event goes, and the notes' telling is the first.
    record_results(db, store, letter, entities=[], events=[],
                   pages=[EvidencePage(evidence_id=letter.id, number=1, text="")],
                   doc_type=None, doc_type_confidence=None, media_type="application/pdf")
    db.commit()
    assert told(chronology_page(db, case, 1).items) == [(day, notes.id, 3, [])]
