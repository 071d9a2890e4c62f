from datetime import date

from casework.decisions import TEMPLATES_DIR, render_docx
from casework.formats import pounds, uk_date
from tests.drafting import document_text


def test_uk_formats():
    assert uk_date(date(2026, 3, 3)) == "3 March 2026"
    assert pounds(125000) == "£1,250.00"
    assert pounds(5) == "£0.05"


def minimal_context(**overrides) -> dict:
    context = {
        "reference": "CW-2026-00001", "status": "Draft", "date": "3 March 2026",
        "organisation": "Trust",
        "complainant": "Mrs A", "summary": "", "outcome": "Upheld", "evidence": [],
        "findings": [], "recommendations": [],
    }
    context.update(overrides)
    return context


def test_values_are_data_not_template_code():
    hostile = "{{ ''.__class__.__mro__ }} {% for x in range(10**9) %}x{% endfor %}"
    text = document_text(render_docx(TEMPLATES_DIR / "decision.docx",
                                     minimal_context(summary=hostile)))
    assert hostile in text


def test_xml_special_characters_render_literally():
    summary = 'Smith & Sons <script>"quoted"</script>'
    text = document_text(render_docx(TEMPLATES_DIR / "decision.docx",
                                     minimal_context(summary=summary)))
    assert summary in text


def test_line_breaks_in_free_text_survive():
    from casework.decisions import decision_context
    from storage.models import Case, ComplaintPoint, Finding, Organisation
    from vocabulary import Conclusion, DecisionStage

    case = Case(reference="CW-2026-00009", complainant_name="Mrs A",
                organisation=Organisation(name="A Trust"), summary="first line\nsecond <line>",
                complaint_points=[ComplaintPoint(number=1, text="P", findings=[Finding(
                    id=1, title="T", what_happened="one\ntwo", what_should_have_happened="S",
                    injustice="", conclusion=Conclusion.MALADMINISTRATION)])])
    text = document_text(render_docx(TEMPLATES_DIR / "decision.docx",
                                     decision_context(case, date(2026, 3, 3),
                                                      DecisionStage.FINAL)))
    assert "first line\nsecond <line>" in text
    assert "What happened: one\ntwo" in text


def test_dates_are_the_office_s_dates_not_utc_ones():
    from datetime import UTC, datetime

    from casework.formats import office_date, uk_date

    # 23:30 UTC on 30 June is already 1 July in London (British Summer Time)...
    summer_night = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)
    assert office_date(summer_night) == date(2026, 7, 1)
    assert uk_date(summer_night) == "1 July 2026"
    # ...while in winter the two agree, and a naive time is taken as UTC.
    assert office_date(datetime(2026, 12, 31, 23, 30)) == date(2026, 12, 31)
