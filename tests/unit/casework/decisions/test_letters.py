"""The letters read as letters from a public body, whatever the case's details look like: an
address block, a greeting by title and surname, recommendations as sentences, the signature.

Rendered from the shipped templates with cases held in memory, so each awkward input is one
line here."""

from __future__ import annotations

import io
from datetime import date

import pytest
from docx import Document

from casework.decisions._context import decision_context, letter_context
from casework.decisions._documents import LETTER_TEMPLATES, render_docx
from storage.models import Case, ComplaintPoint, Finding, Organisation, Recommendation, User
from vocabulary import Conclusion, DecisionStage, Recipient, RecommendationKind

TODAY = date(2027, 1, 15)


def letter(to: Recipient, *, complainant="Mrs Ada Lovelace", address="",
           organisation="Northtown Hospitals NHS Foundation Trust", organisation_address="",
           recommendation: Recommendation | None = None) -> list[str]:
    """The letter's paragraphs, rendered for a provisional decision on such a case."""
    case = Case(reference="CW-2027-00042", complainant_name=complainant, summary="",
                complainant_address=address,
                organisation=Organisation(name=organisation, address=organisation_address),
                assignee=User(email="sam@example.org", name="Sam Jones",
                              job_title="Senior Investigator"),
                complaint_points=[ComplaintPoint(number=1, text="Not told.", findings=[Finding(
                    id=1, title="Communication", what_happened="Nobody called.",
                    what_should_have_happened="A call.", injustice="Distress.",
                    conclusion=Conclusion.SERVICE_FAILURE, citations=[])])],
                evidence=[],
                recommendations=[recommendation] if recommendation else [])
    case.comments = []
    context = decision_context(case, TODAY, DecisionStage.PROVISIONAL) | letter_context(case)
    document = Document(io.BytesIO(render_docx(LETTER_TEMPLATES[to], context)))
    return [p.text for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize(("name", "greeting"), [
    ("Mrs Ada Lovelace", "Dear Mrs Lovelace,"),
    ("Dr. Jon Smith", "Dear Dr Smith,"),
    ("Ada Lovelace", "Dear Ada Lovelace,"),  # no title: the name as given
    ("Prince", "Dear Prince,"),  # one name
    ("Mr and Mrs Example", "Dear Mr and Mrs Example,"),
])
def test_the_complainant_is_greeted_by_title_and_surname(name, greeting):
    paragraphs = letter(Recipient.COMPLAINANT, complainant=name)
    assert greeting in paragraphs
    assert paragraphs[0] == name  # the address block keeps the full name


def test_each_letter_opens_with_its_recipients_address_then_reference_and_date():
    to_complainant = letter(Recipient.COMPLAINANT, address="12 Example Road\nNorthtown\nNT1 2AB")
    assert to_complainant[:6] == ["Mrs Ada Lovelace", "12 Example Road", "Northtown", "NT1 2AB",
                                  "Our reference: CW-2027-00042", "15 January 2027"]

    long_name = ("Northtown, Southtown and Westshire Community and Mental Health Services "
                 "NHS Foundation Trust")
    to_organisation = letter(Recipient.ORGANISATION, organisation=long_name,
                             organisation_address="Trust Headquarters\nNorthtown NT9 9ZZ")
    assert to_organisation[:5] == [long_name, "Trust Headquarters", "Northtown NT9 9ZZ",
                                   "Our reference: CW-2027-00042", "15 January 2027"]


def test_without_an_address_the_letter_opens_with_the_name_alone():
    assert letter(Recipient.COMPLAINANT)[:3] == [
        "Mrs Ada Lovelace", "Our reference: CW-2027-00042", "15 January 2027"]


def test_letters_are_signed_by_the_investigator_with_their_job_title():
    for to in Recipient:
        assert letter(to)[-3:] == ["Yours sincerely,", "Sam Jones", "Senior Investigator"]


def test_recommendations_read_as_sentences():
    apology = Recommendation(kind=RecommendationKind.APOLOGY,
                             text="Apologise for the failings in the care of Ward 7 staff.",
                             from_whom="Chief Executive", due_date=date(2027, 3, 2),
                             compliance_evidence="A copy of the apology letter")
    to_complainant = letter(Recipient.COMPLAINANT, recommendation=apology)
    assert ("Apologise for the failings in the care of Ward 7 staff. By 2 March 2027."
            in to_complainant)

    [line] = [p for p in letter(Recipient.ORGANISATION, recommendation=apology)
              if p.startswith("Acknowledgement and apology:")]
    assert line == ("Acknowledgement and apology: Apologise for the failings in the care of "
                    "Ward 7 staff. The apology should come from the Trust's chief executive. "
                    "Deadline: 2 March 2027. Evidence of compliance: A copy of the apology "
                    "letter.")
    assert ".." not in line and ".," not in line


def test_an_apology_from_a_named_person_or_a_body_without_a_short_name_reads_right():
    by_name = Recommendation(kind=RecommendationKind.APOLOGY, text="Apologise",
                             from_whom="Dr Sarah Jones.")
    assert any("The apology should come from Dr Sarah Jones." in p
               for p in letter(Recipient.ORGANISATION, recommendation=by_name))
    group = Recommendation(kind=RecommendationKind.APOLOGY, text="Apologise",
                           from_whom="Practice Manager")
    assert any("The apology should come from the practice manager of Riverside Medical "
               "Group." in p for p in letter(Recipient.ORGANISATION,
                                             organisation="Riverside Medical Group",
                                             recommendation=group))
