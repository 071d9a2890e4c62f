"""Entities on evidence pages: spaCy's people and organisations with the patterns' identifiers."""

import importlib
import logging

import pytest

from worker.nlp import Entity, find_entities, load_pipeline
from worker.nlp.names import normalise_organisation
from worker.nlp.pipelines import MODEL_PACKAGE, split_long_text

LETTER = (
    "Dr Sarah Jones of Northtown Hospitals NHS Foundation Trust wrote to Mrs Amelia Hart "
    "on 3 March 2026.\nShe apologised and offered £250.00 for the distress caused."
)
IDENTIFIERS = (
    "Patient: Mr Ravi Patel, NHS number 943 476 5919 (not 943 476 5918).\n"
    "Address: 12 Mill Lane, Northtown NT1 1AA. Tel 01632 960001, mobile 07700 900123.\n"
    "Email r.patel@example.org. Refund due: 1,250 pounds."
)


@pytest.fixture(scope="module")
def letter_entities():
    return find_entities([LETTER])


def test_every_entity_points_at_its_own_text():
    pages = [LETTER, IDENTIFIERS]
    entities = find_entities(pages)
    assert entities
    for entity in entities:
        assert pages[entity.page - 1][entity.start:entity.end] == entity.text


def test_people_without_titles_organisations_dates_and_money_from_a_letter(letter_entities):
    assert letter_entities == [
        Entity("PERSON", "Sarah Jones", 1, 3, 14, "Sarah Jones"),
        Entity("ORG", "Northtown Hospitals NHS Foundation Trust", 1, 18, 58,
               "Northtown Hospitals NHS Foundation Trust"),
        Entity("PERSON", "Amelia Hart", 1, 72, 83, "Amelia Hart"),
        Entity("DATE", "3 March 2026", 1, 87, 99, "2026-03-03"),
        Entity("MONEY", "£250.00", 1, 128, 135, "25000"),
    ]


def test_identifiers_on_the_second_page_with_page_offsets():
    entities = find_entities(["Nothing here.", IDENTIFIERS])
    assert [(e.label, e.text, e.page, e.value) for e in entities if e.label != "GPE"] == [
        ("PERSON", "Ravi Patel", 2, "Ravi Patel"),
        ("NHS_NUMBER", "943 476 5919", 2, "9434765919"),
        ("POSTCODE", "NT1 1AA", 2, "NT1 1AA"),
        ("PHONE", "01632 960001", 2, "+441632960001"),
        ("PHONE", "07700 900123", 2, "+447700900123"),
        ("EMAIL", "r.patel@example.org", 2, "r.patel@example.org"),
        ("MONEY", "1,250 pounds", 2, "125000"),
    ]


def test_titles_stripped_from_names_the_model_reads_with_them():
    text = "The review was led by Professor Alan Whitfield's team and Staff Nurse Bethany Cole."
    people = [(e.text, e.start) for e in find_entities([text]) if e.label == "PERSON"]
    assert people == [("Alan Whitfield", text.index("Alan")), ("Bethany Cole", text.index("Beth"))]


def test_titles_before_places_do_not_make_people():
    text = ("Mrs Hart went from Lady Margaret Hospital to Dr Gray's Hospital via Lord Street, "
            "then saw Dr Amir Shah.\nTo: Mr Collins Subject: your call")
    assert [(e.label, e.text) for e in find_entities([text], use_model=False)] == [
        ("PERSON", "Hart"), ("PERSON", "Amir Shah"), ("PERSON", "Collins"),
    ]


def test_organisations_lose_a_leading_the_and_trailing_marks_and_take_nhs_casing():
    text = "She complained to the Northtown Hospitals NHS Foundation trust, then to the council."
    orgs = [e for e in find_entities([text]) if e.label == "ORG"]
    assert [(e.text, e.value) for e in orgs] == [
        ("Northtown Hospitals NHS Foundation trust", "Northtown Hospitals NHS Foundation Trust"),
    ]


@pytest.mark.parametrize(("written", "normalised"), [
    ("Westfield  nhs trust", "Westfield NHS Trust"),
    ("NORTHTOWN HOSPITALS NHS FOUNDATION TRUST", "Northtown Hospitals NHS Foundation Trust"),
    ("Riverside\nSurgery", "Riverside Surgery"),
])
def test_organisation_names_normalised(written, normalised):
    assert normalise_organisation(written) == normalised


def test_a_pattern_wins_over_the_model_for_the_same_text():
    text = "The payment of £1,250.00 was made on Tuesday 3 March 2026."
    entities = find_entities([text])
    assert [(e.label, e.text) for e in entities] == [
        ("MONEY", "£1,250.00"), ("DATE", "3 March 2026"),
    ]


def test_rules_alone_without_the_model():
    entities = find_entities([LETTER], use_model=False)
    assert [(e.label, e.text) for e in entities] == [
        ("PERSON", "Sarah Jones"), ("PERSON", "Amelia Hart"), ("DATE", "3 March 2026"),
        ("MONEY", "£250.00"),
    ]


def test_a_missing_model_package_gives_no_pipeline_and_one_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="worker.nlp.pipelines"):
        assert load_pipeline("no_such_model_package") is None
        assert load_pipeline("no_such_model_package") is None
    assert [record.levelname for record in caplog.records] == ["WARNING"]
    assert "no_such_model_package is not installed" in caplog.records[0].getMessage()


def test_the_trimmed_pipeline_finds_what_the_full_model_finds():
    full = importlib.import_module(MODEL_PACKAGE).load()
    ner = load_pipeline()
    assert ner.pipe_names == ["ner"]
    texts = [LETTER, IDENTIFIERS, "Mrs B saw Dr Okafor at Riverside Surgery on 4 May 2025."]
    for ours, theirs in zip(ner.pipe(texts), full.pipe(texts), strict=True):
        assert [(e.text, e.label_) for e in ours.ents] == [(e.text, e.label_) for e in theirs.ents]


def test_long_pages_are_read_in_pieces_with_offsets_kept():
    # Past the length spaCy reads in one go, with a name and a date either side of the cut.
    filler = ("a" * 99 + " ") * 1200
    page = "Mrs Amelia Hart called on 3 March 2026. " + filler + "Dr Sarah Jones replied."
    pieces = split_long_text(page)
    # Cut at the last space before the limit, and nothing lost or repeated.
    assert [offset for offset, _ in pieces] == [0, 99_940]
    assert pieces[0][1].endswith(" ")
    assert "".join(piece for _, piece in pieces) == page
    entities = find_entities([page])
    # (The model makes what it likes of the filler: only the real text is checked.)
    assert [(e.label, e.text, e.start) for e in entities if "aaa" not in e.text] == [
        ("PERSON", "Amelia Hart", 4),
        ("DATE", "3 March 2026", 26),
        ("PERSON", "Sarah Jones", page.index("Sarah")),
    ]


def _people_and_organisations(text):
    return [(e.label, e.text) for e in find_entities([text]) if e.label in {"PERSON", "ORG"}]


@pytest.mark.parametrize("text", [
    "An ECG was recorded at 16:05 and reviewed by the emergency department doctor.",
    "Plan: repeat ECG in 30 min, troponin, CXR. DNACPR in place. NBM from midnight.",
    "Hb 98, WCC 14.2, CRP 86, eGFR 41. GCS 15. TTO: ramipril 2.5mg od.",
    "Dear Ombudsman,\nI am writing about my mother's care.",
    "Dear Ombudsman, Dear Sir, I am writing again.",
    "Dear Colleague,\nPlease see the attached complaint.",
    "Dear Complaints Team,\nI have not had a reply.",
    "Complaint\nI am unhappy with the response I received from the Trust.",
    "We recommend that the Trust apologises within one month.",
    "The Consultant Cardiologist has reviewed the ECG and agrees that it was abnormal.",
    "The Ward Manager and the Chief Executive have seen the Complaints Manager's report.",
    "I have asked the Head of Patient Experience to meet you.",
    "Stage 2 Complaint Response\nYour ref: EH/March",
])
def test_salutations_roles_shorthand_and_document_words_name_nobody(text):
    assert _people_and_organisations(text) == []


@pytest.mark.parametrize(("text", "organisation"), [
    ("Northfield Hospital NHS Trust - Discharge Summary", "Northfield Hospital NHS Trust"),
    ("Northfield Hospital NHS Trust - Discharge", "Northfield Hospital NHS Trust"),
    ("Westbrook NHS Foundation Trust Complaints Department", "Westbrook NHS Foundation Trust"),
    ("Northtown City Council\nAdult Social Care\nCivic Centre", "Northtown City Council"),
    ("Discharge Summary - Kingsmead Hospital", "Kingsmead Hospital"),
])
def test_an_organisation_name_ends_where_the_name_does(text, organisation):
    assert ("ORG", organisation) in _people_and_organisations(text)
    assert [label for label, _ in _people_and_organisations(text)] == ["ORG"]


def test_a_name_ends_at_the_line_break():
    text = "From: Sarah Quinn\nSent: Monday, 9 June 2025 16:40"
    assert _people_and_organisations(text) == [("PERSON", "Sarah Quinn")]


def test_a_hospital_named_after_a_saint_is_an_organisation():
    text = "We looked at the letters between Mr Novak and St Anne's Hospital."
    assert _people_and_organisations(text) == [("PERSON", "Novak"), ("ORG", "St Anne's Hospital")]


def test_a_nurse_named_after_shorthand_is_a_person():
    assert _people_and_organisations("Witness: SN Lopez") == [("PERSON", "Lopez")]


@pytest.mark.parametrize(("text", "found"), [
    ("Signed R. Okonjo, RN, 3/3/25 07:45", [("PERSON", "R. Okonjo")]),
    ("My Universal Credit was stopped in December.", []),
    ("Fall at home, ?# NOF. Analgesia: paracetamol 1g IV.", []),
    ("Ortho SpR reviewed: conservative management.", []),
    ("The investigation followed the NHS complaints regulations.", []),
    ("We make final decisions on complaints not resolved by the NHS in England.",
     [("ORG", "NHS")]),
])
def test_words_before_a_name_labels_and_shorthand_are_not_names(text, found):
    assert _people_and_organisations(text) == found
