import docx

from casework.decisions import TEMPLATES_DIR, check_templates, sample_context


def test_the_shipped_templates_are_consistent():
    reports, unused = check_templates(sorted(TEMPLATES_DIR.glob("*.docx")), sample_context())
    assert {r.template: r.unfilled for r in reports} == {
        "complainant_letter.docx": (), "decision.docx": (), "organisation_letter.docx": ()}
    assert unused == []


def test_a_misspelt_placeholder_and_an_unshown_field_are_reported(tmp_path):
    document = docx.Document()
    document.add_paragraph("Dear {{ complainant_nmae }}, about {{ organisation }}")
    document.add_paragraph("{%p for r in recommendations %}")
    document.add_paragraph("{{ r.txet }}")
    document.add_paragraph("{%p endfor %}")
    path = tmp_path / "letter.docx"
    document.save(path)
    [report], unused = check_templates([path], sample_context())
    assert report.unfilled == ("complainant_nmae", "recommendations[].txet")
    assert "summary" in unused and "recommendations[].text" in unused
