"""The published version of a decision: pseudonyms, identifiers removed, and the leak check."""

import random

import pytest
from docxtpl import Listing

from casework.decisions import TEMPLATES_DIR, render_docx
from casework.publication import (
    Identifier,
    Leak,
    LeakFound,
    Person,
    PersonMention,
    anonymise_context,
    anonymise_text,
    build_map,
    check_publishable,
    docx_text,
    find_leaks,
    identifiers_of_case,
    map_for_case,
    proposed_people,
)
from storage.models import (
    Case,
    Citation,
    ComplaintPoint,
    Evidence,
    EvidenceEntity,
    EvidencePage,
    Finding,
    Organisation,
)
from vocabulary import Conclusion, IdentifierKind, PersonKind

PEOPLE = [
    PersonMention("Mrs Ada Lovelace"),
    PersonMention("Charles Babbage", title="Dr"),
    PersonMention("Tom Lovelace", kind=PersonKind.CHILD),
    PersonMention("Dr Mary Somerville", kind=PersonKind.ADVISER),
    PersonMention("Nurse Edith Cavell"),
    PersonMention("Mr Lovelace"),
]


def labels(people):
    return [(p.original, p.label) for p in proposed_people(people)]


def test_labels_follow_the_order_of_mention_and_never_a_real_initial():
    assert labels(PEOPLE) == [
        ("Mrs Ada Lovelace", "Mrs B"),       # A and L skipped; B is free
        ("Dr Charles Babbage", "Dr D"),      # C and B are his initials
        ("Tom Lovelace", "E"),               # a child: the letter alone
        ("Dr Mary Somerville", "the clinical adviser"),  # takes no letter
        ("Nurse Edith Cavell", "Nurse F"),   # E was used; C is hers
        ("Mr Lovelace", "Mr G"),             # the father, not the child
    ]


def test_no_label_is_ever_the_persons_own_initial():
    given = ["Ada", "Bob", "Cara", "Dev", "Ella", "Finn", "Gita", "Hugh", "Ivy", "Jon", "Kemi",
             "Lars", "Mo", "Nia", "Olu", "Pia", "Quin", "Rhys", "Sian", "Tariq", "Uma", "Vik",
             "Wyn", "Xia", "Yusuf", "Zoe"]
    surnames = ["Ahmed", "Brown-Ellis", "Chen", "Davies", "Evans", "Fox", "Gupta", "Hughes",
                "Iqbal", "Jones", "Khan", "Lewis", "Morgan", "Nowak", "O'Neill", "Patel",
                "Quinn", "Roberts", "Smith", "Taylor", "Usman", "Vaughan", "Wilson", "Young",
                "Zielinski"]
    generator = random.Random(7)
    for _ in range(200):
        count = generator.randint(1, 30)
        names = {f"{generator.choice(given)} {generator.choice(surnames)}" for _ in range(count)}
        people = [PersonMention(name, title=generator.choice(["Mr", "Dr", "Ms", None]))
                  for name in names]
        pseudonyms = proposed_people(people)
        letters = [p.label.split()[-1] for p in pseudonyms]
        assert len(set(letters)) == len(letters), "every person has their own label"
        for pseudonym, letter in zip(pseudonyms, letters, strict=True):
            initials = {piece[0] for part in pseudonym.original.split()[-2:]
                        for piece in part.replace("'", "-").split("-") if piece}
            assert not set(letter) & initials, (pseudonym, letter)
            assert not set(letter) & {"A", "I", "O"}


def test_one_person_keeps_one_label_whatever_form_the_name_takes():
    pseudonyms = proposed_people([
        PersonMention("Ada Lovelace"), PersonMention("Dr Patel"),
        PersonMention("Mrs Lovelace"), PersonMention("Mrs Ada Lovelace"),
        PersonMention("A. Lovelace"), PersonMention("Ada"), PersonMention("Doctor Patel"),
    ])
    assert [(p.original, p.label) for p in pseudonyms] == [
        ("Mrs Ada Lovelace", "Mrs B"), ("Dr Patel", "Dr C")]
    text = ("Mrs Ada Lovelace complained. Ada Lovelace said Dr. Patel was rude; Mrs Lovelace's "
            "letter, signed A. Lovelace, and LOVELACE's notes agree. Ada was upset. Ms Lovelace "
            "wrote to Dr Patel.")
    assert anonymise_text(text, build_map([PersonMention("Ada Lovelace"),
                                           *[PersonMention(p.original) for p in pseudonyms]])) == (
        "Mrs B complained. Mrs B said Dr C was rude; Mrs B's letter, signed Mrs B, and Mrs B's "
        "notes agree. Mrs B was upset. Mrs B wrote to Dr C.")


def test_children_and_advisers():
    mapping = build_map([PersonMention("Mrs Ada Lovelace"),
                         PersonMention("Tom Lovelace", kind=PersonKind.CHILD),
                         PersonMention("Dr Mary Somerville", kind=PersonKind.ADVISER),
                         PersonMention("Dr John Snow", kind=PersonKind.ADVISER)])
    assert [p.label for p in mapping.people] == [
        "Mrs B", "C", "the clinical adviser", "the second clinical adviser"]
    assert anonymise_text("Dr Somerville said Tom should have been seen. We agree with "
                          "Dr Somerville and Dr Snow.", mapping) == (
        "The clinical adviser said C should have been seen. We agree with the clinical "
        "adviser and the second clinical adviser.")


def test_everyday_words_that_are_also_names_are_left_alone_on_their_own():
    mapping = build_map([PersonMention("Mrs May Page"), PersonMention("Nurse Will Ward")])
    assert anonymise_text("Mrs Page was on Ward 7 in May; see page 12. Nurse Ward and Will "
                          "Ward will explain. May Page agreed.", mapping) == (
        "Mrs B was on Ward 7 in May; see page 12. Nurse C and Nurse C will explain. "
        "Mrs B agreed.")


@pytest.mark.parametrize(("written", "expected"), [
    ("NHS number 943 476 5919.", "NHS number [NHS number removed]."),
    ("NHS number 943-476-5919.", "NHS number [NHS number removed]."),
    ("NHS number 9434765919.", "NHS number [NHS number removed]."),
    ("Call 07700 900123 or +44 7700 900123.", "Call [phone number removed] or [phone number "
                                              "removed]."),
    ("Call +44 (0)20 7946 0018 or 020 7946 0018.", "Call [phone number removed] or [phone "
                                                  "number removed]."),
    ("Postcode NT1 1AA, nt11aa or NT1  1AA.", "Postcode [postcode removed], [postcode "
                                              "removed] or [postcode removed]."),
    ("Date of birth 3 March 1950.", "Date of birth [date of birth removed]."),
    ("DOB: 03/03/1950.", "DOB: [date of birth removed]."),
    ("She was born on 3rd March 1950.", "She was born on [date of birth removed]."),
    ("Her date of birth is March 3, 1950.", "Her date of birth is [date of birth removed]."),
    ("She lives at 12 Example Road, Northtown, NT1 1AA with her son.",
     "She lives at [address removed] with her son."),
    ("Write to ada.lovelace@example.org today.", "Write to [email address removed] today."),
])
def test_identifiers_are_removed_however_they_are_written(written, expected):
    mapping = build_map([], texts=["Mrs Lovelace, NT1 1AA, DOB 03/03/1950"])
    assert anonymise_text(written, mapping) == expected


def test_known_identifiers_are_removed_in_odd_spacing_and_other_formats():
    mapping = build_map([], texts=["NHS 943 476 5919, DOB 3 March 1950"])
    assert anonymise_text("94 34 765 91 9 and 3/3/50 and 1950-03-03.", mapping) == (
        "[NHS number removed] and [date of birth removed] and [date of birth removed].")


def test_identifiers_of_case_from_entities_and_texts():
    entities = [
        EvidenceEntity(label="NHS_NUMBER", text="943 476 5919", value="9434765919"),
        EvidenceEntity(label="PHONE", text="07700 900123", value="+447700900123"),
        EvidenceEntity(label="POSTCODE", text="nt1 1aa", value="NT1 1AA"),
        EvidenceEntity(label="EMAIL", text="Ada@Example.org", value="ada@example.org"),
        EvidenceEntity(label="PERSON", text="Ada Lovelace", value="Ada Lovelace"),
        EvidenceEntity(label="MONEY", text="£50", value="5000"),
    ]
    texts = ["Mrs Lovelace (born 3 March 1950) of 12 Example Road."]
    assert identifiers_of_case(entities, texts) == [
        Identifier(IdentifierKind.NHS_NUMBER, "9434765919"),
        Identifier(IdentifierKind.PHONE, "+447700900123"),
        Identifier(IdentifierKind.POSTCODE, "NT1 1AA"),
        Identifier(IdentifierKind.EMAIL, "ada@example.org"),
        Identifier(IdentifierKind.ADDRESS, "12 Example Road"),
        Identifier(IdentifierKind.DATE_OF_BIRTH, "1950-03-03"),
    ]


def test_public_identifiers_such_as_the_ombudsmans_helpline_are_not_the_cases():
    mapping = build_map([], texts=["Call us on 0345 015 4033 or Mrs B on 07700 900123"],
                        public=["Helpline 0345 015 4033"])
    assert mapping.identifiers == (Identifier(IdentifierKind.PHONE, "+447700900123"),)


def test_anonymise_context_replaces_text_at_every_depth_and_copies():
    mapping = build_map(PEOPLE, texts=["NHS 943 476 5919"])
    context = {
        "reference": "CW-2026-00001",
        "complainant": "Mrs Ada Lovelace",
        "findings": [{"number": 1, "what_happened": "Dr Babbage saw Tom.",
                      "citations": [{"reference": "Evidence 1, page 2",
                                     "quote": "Patient 943 476 5919 seen by Nurse Cavell"}]}],
        "evidence": [{"filename": "Lovelace_GP_records.pdf", "pages": "3 pages"}],
    }
    assert anonymise_context(context, mapping) == {
        "reference": "CW-2026-00001",
        "complainant": "Mrs B",
        "findings": [{"number": 1, "what_happened": "Dr D saw E.",
                      "citations": [{"reference": "Evidence 1, page 2",
                                     "quote": "Patient [NHS number removed] seen by Nurse F"}]}],
        "evidence": [{"filename": "Mrs B_GP_records.pdf", "pages": "3 pages"}],
    }
    assert context["complainant"] == "Mrs Ada Lovelace"
    with pytest.raises(TypeError):
        anonymise_context({"summary": Listing("Ada Lovelace")}, mapping)


def test_map_for_case_reads_the_complainant_entities_and_titles_on_the_page():
    page = "Seen by Dr Charles Babbage. Contact 07700 900123. NHS No 943 476 5919."
    evidence = Evidence(
        filename="notes.pdf",
        pages=[EvidencePage(number=1, text=page)],
        entities=[
            EvidenceEntity(label="PERSON", text="Charles Babbage", value="Charles Babbage",
                           page=1, start=page.index("Charles"), end=page.index(".")),
            EvidenceEntity(label="PERSON", text="Riverside", value="Riverside", page=1,
                           start=0, end=0),
            EvidenceEntity(label="PHONE", text="07700 900123", value="+447700900123",
                           page=1, start=0, end=0),
        ],
    )
    case = Case(
        complainant_name="Ada Lovelace", summary="Mrs Lovelace complains that Dr Patel and "
        "Dr Babbage did not see her son.", organisation=Organisation(name="Riverside Surgery"),
        evidence=[evidence],
        complaint_points=[ComplaintPoint(number=1, text="", findings=[Finding(
            title="Delay", what_happened="Dr Babbage was late", what_should_have_happened="",
            conclusion=Conclusion.SERVICE_FAILURE,
            citations=[Citation(page=1, quote="Seen by Dr Charles Babbage")])])],
    )
    mapping = map_for_case(case)
    assert [(p.original, p.label) for p in mapping.people] == [
        ("Mrs Ada Lovelace", "Mrs B"), ("Dr Patel", "Dr C"), ("Dr Charles Babbage", "Dr D")]
    assert set(mapping.identifiers) == {Identifier(IdentifierKind.PHONE, "+447700900123"),
                                        Identifier(IdentifierKind.NHS_NUMBER, "9434765919")}



def test_a_complainant_named_like_the_organisation_is_still_in_the_map():
    # Every word of "Mr Jones" is in "Jones Opticians": a misread organisation, were he not the
    # complainant. The proposal used to lose him, and the map's page answered 500.
    case = Case(complainant_name="Mr Jones", summary="Mr Jones complains about his glasses.",
                organisation=Organisation(name="Jones Opticians"))
    assert [(p.original, p.label) for p in map_for_case(case).people] == [("Mr Jones", "Mr B")]

CLEAN = ("Mrs B complained that Dr D did not see E on Ward 7. The clinical adviser said "
         "Nurse F should have escalated. Evidence 1, page 12. Reference CW-2026-100123.")


def test_clean_anonymised_output_passes_the_leak_check():
    mapping = build_map(PEOPLE, texts=["NHS 943 476 5919, tel 07700 900123, NT1 1AA"])
    assert find_leaks(CLEAN, mapping) == []
    check_publishable(CLEAN, mapping)


@pytest.mark.parametrize(("planted", "kind", "found"), [
    ("Lovelace", "name", "Lovelace"),
    ("ada", "name", "ada"),
    ("Dr Charles Babbage", "name", "Dr Charles Babbage"),
    ("Cavell's", "name", "Cavell"),
    ("94 34 76 59 19", "nhs_number", "94 34 76 59 19"),
    ("401 023 2137", "nhs_number", "401 023 2137"),       # valid, never recorded
    ("+44 (0)7700-900-123", "phone", "+44 (0)7700-900-123"),
    ("nt11aa", "postcode", "nt11aa"),
    ("ada.lovelace@EXAMPLE.org", "email", "ada.lovelace@EXAMPLE.org"),
])
def test_planted_identifiers_block_publication(planted, kind, found):
    mapping = build_map(PEOPLE, entities=[
        EvidenceEntity(label="EMAIL", text="ada.lovelace@example.org", value=None)],
        texts=["NHS 943 476 5919, tel 07700 900123, NT1 1AA"])
    text = CLEAN.replace("Nurse F", f"Nurse F ({planted})")
    with pytest.raises(LeakFound) as raised:
        check_publishable(text, mapping)
    assert raised.value.code == "leak_found"
    assert [(leak.kind, leak.text) for leak in raised.value.leaks] == [(kind, found)]
    assert planted.split()[0] in raised.value.leaks[0].context


def test_a_leak_reports_its_context():
    mapping = build_map([PersonMention("Mrs Ada Lovelace")])
    assert find_leaks("The trust wrote to Mrs Lovelace on 3 May.", mapping) == [
        Leak("name", "Mrs Lovelace", "The trust wrote to Mrs Lovelace on 3 May.")]


def test_the_published_decision_document_passes_its_own_leak_check():
    mapping = build_map(PEOPLE, texts=["NHS 943 476 5919, tel 07700 900123"])
    plain = {
        "reference": "CW-2026-00001", "title": "Final decision", "stage": "final",
        "provisional": False, "comments_due": "", "status": "Final", "date": "3 March 2026",
        "organisation": "Northtown NHS Trust", "complainant": "Mrs Ada Lovelace",
        "summary": "Mrs Lovelace (NHS 943 476 5919) complained about Dr Babbage.\nTom waited.",
        "outcome": "Upheld", "evidence": [{"number": 1, "filename": "lovelace.pdf",
                                           "pages": "2 pages"}],
        "points": [{"number": 1, "text": "Tom was not seen", "upheld": "Upheld", "findings": [
            {"number": 1, "title": "Delay", "what_happened": "Dr Babbage was late",
             "what_should_have_happened": "Seen in an hour", "standard": "",
             "conclusion": "Service failure", "injustice": "Distress to Mrs Lovelace",
             "citations": [{"reference": "Evidence 1, page 2", "quote": "call 07700 900123"}]}]}],
        "recommendations": [],
    }
    published = anonymise_context(plain, mapping)
    for key in ("summary",):
        published[key] = Listing(published[key])
    document = render_docx(TEMPLATES_DIR / "decision.docx", published)
    text = docx_text(document)
    assert "Mrs B (NHS [NHS number removed]) complained about Dr D." in text
    assert "Distress to Mrs B" in text
    check_publishable(text, mapping)
    # The same document from the unanonymised context would be blocked.
    plain["summary"] = Listing(plain["summary"])
    with pytest.raises(LeakFound):
        check_publishable(docx_text(render_docx(TEMPLATES_DIR / "decision.docx", plain)), mapping)


def test_pseudonym_name_parts_leave_out_titles_and_initials():
    assert Person("Mrs Ada Lovelace", "Mrs B", aliases=("A. Lovelace", "Ada")).name_parts == (
        "Ada", "Lovelace")

