from datetime import date

from casework.cases import create_case
from casework.evidence import case_chronology
from storage.models import Evidence, EvidenceEvent


def add_evidence(db, case, name, events):
    evidence = Evidence(case=case, filename=name, media_type="application/pdf", sha256=name,
                        size=1, object_key=name)
    evidence.events = [EvidenceEvent(date=d, text=t, page=p) for d, t, p in events]
    db.add(evidence)
    db.commit()
    return evidence


def test_events_are_merged_sorted_and_folded(db):
    case = create_case(db, None, "Mrs A", "A Trust")
    letter = add_evidence(db, case, "letter", [
        (date(2026, 3, 3), "On 3 March 2026 the ward did not call the family.", 1),
        (date(2026, 1, 14), "She was admitted on 14 January 2026.", 2),
    ])
    notes = add_evidence(db, case, "notes", [
        # The same event, the date written another way: folded into the letter's telling.
        (date(2026, 3, 3), "On 03/03/2026, the ward did not call the family", 4),
        (date(2026, 3, 3), "A doctor reviewed her on 3 March 2026.", 4),
    ])
    entries = case_chronology(db, case)
    assert [(e.date, e.evidence_id, e.page, e.also_in) for e in entries] == [
        (date(2026, 1, 14), letter.id, 2, []),
        (date(2026, 3, 3), letter.id, 1, [(notes.id, 4)]),
        (date(2026, 3, 3), notes.id, 4, []),
    ]


def test_same_words_on_another_day_are_another_event(db):
    case = create_case(db, None, "Mrs A", "A Trust")
    add_evidence(db, case, "a", [(date(2026, 3, 3), "Mrs B was discharged home on 3 March.", 1)])
    add_evidence(db, case, "b", [(date(2026, 3, 4), "Mrs B was discharged home on 4 March.", 1)])
    assert len(case_chronology(db, case)) == 2
