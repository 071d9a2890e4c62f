"""Each file's identifying facts are found when it is processed and kept with it, so the
anonymisation proposal reads a row per file, not every page of the case."""

from __future__ import annotations

import io
from datetime import date

from casework.publication import (
    FileFacts,
    Identifier,
    PersonMention,
    facts_of_file,
    reviewed_map,
)
from commands.sample_files import text_pdf
from storage.models import Case, Evidence, EvidenceEntity
from tests.evidence_rows import a_case, add_files, statements
from vocabulary import EntityLabel, IdentifierKind

PAGE = ("Seen by Dr Charles Babbage, who wrote to 12 Acacia Avenue, Northtown NT1 1AA. "
        "Date of birth: 3 March 1961. Call 07700 900123.")


def test_a_file_names_its_people_with_their_titles_and_its_identifiers():
    entities = [EvidenceEntity(label=EntityLabel.PERSON, text="Charles Babbage",
                               value="Charles Babbage", page=1, start=PAGE.index("Charles"),
                               end=PAGE.index(",")),
                EvidenceEntity(label=EntityLabel.PHONE, text="07700 900123",
                               value="+447700900123", page=1, start=0, end=0)]
    facts = facts_of_file({1: PAGE}, entities)
    assert facts.people == (PersonMention("Charles Babbage", title="Dr"),)
    assert set(facts.identifiers) == {
        Identifier(IdentifierKind.PHONE, "+447700900123"),
        Identifier(IdentifierKind.POSTCODE, "NT1 1AA"),
        Identifier(IdentifierKind.ADDRESS, "12 Acacia Avenue"),
        Identifier(IdentifierKind.DATE_OF_BIRTH, "1961-03-03")}
    assert FileFacts.from_stored(facts.stored()) == facts


def test_the_worker_keeps_the_facts_it_found_with_the_file(api, process, db):
    case = api.post("/api/v1/cases", json={"complainant_name": "Mrs Ada Lovelace",
                                           "organisation_name": "Northtown NHS Trust"}).json
    letter = text_pdf([["Complaint from Mrs Ada Lovelace, NHS number 943 476 5919.",
                        "Please call me on 01632 960 123 about Dr Sarah Jones's care."]])
    [item] = api.post(f"/api/v1/cases/{case['id']}/evidence",
                      data={"file": [(io.BytesIO(letter), "letter.pdf")]},
                      content_type="multipart/form-data").json["items"]
    process([item["id"]])

    evidence = db.get(Evidence, item["id"])
    stored = FileFacts.from_stored(evidence.identifying_facts)
    assert PersonMention("Sarah Jones", title="Dr") in stored.people
    assert {Identifier(IdentifierKind.NHS_NUMBER, "9434765919"),
            Identifier(IdentifierKind.PHONE, "+441632960123")} <= set(stored.identifiers)
    # The same facts as reading its pages and entities again.
    assert stored == facts_of_file({p.number: p.text for p in evidence.pages}, evidence.entities)


def named(n: int) -> dict:
    return FileFacts((PersonMention(f"Person {n}", title="Dr"),),
                     (Identifier(IdentifierKind.PHONE, f"+44770090{n:04d}"),)).stored()


def proposal_statements(db, case: Case) -> list[str]:
    db.expire_all()
    with statements(db) as sent:
        reviewed_map(db, db.get(Case, case.id), date(2026, 6, 1))
    return sent


def test_the_proposal_reads_no_pages_and_the_same_queries_for_any_number_of_files(db):
    small, large = a_case(db), a_case(db)
    for n, case in ((3, small), (40, large)):
        files = add_files(db, case, n)
        for index, evidence in enumerate(files):
            evidence.identifying_facts = named(index)
        db.commit()

    sent = proposal_statements(db, large)
    assert len(sent) == len(proposal_statements(db, small))
    assert not [s for s in sent if "evidence_pages" in s or "evidence_entities" in s]
    people = reviewed_map(db, db.get(Case, large.id), date(2026, 6, 1)).people
    assert [p.original for p in people][:3] == ["Mrs A Example", "Dr Person 0", "Dr Person 1"]


def test_files_processed_before_the_facts_were_kept_are_read_from_their_pages(db):
    case = a_case(db)
    kept, older = add_files(db, case, 2)
    kept.identifying_facts = named(0)
    db.commit()
    assert older.identifying_facts is None

    people = [p.original for p in reviewed_map(db, db.get(Case, case.id),
                                               date(2026, 6, 1)).people]
    # The older file's entity (add_files gives each "Dr Person n") is still found.
    assert people == ["Mrs A Example", "Dr Person 0", "Person 1"]
