import io

import docx
import pytest

from casework.evidence import DOCX
from tests.fixtures import annotated_docx, response_docx
from worker.extract import ExtractionError, extract


def test_everything_around_the_body_is_read_in_place():
    extraction = extract(DOCX, annotated_docx())
    assert extraction.pages == (
        "[Header] Riverside Surgery: confidential\n"
        "We accept that the call back was missed.\n"
        "The practice will apologise.\n"
        "[Comment by A. Investigator] Ask for the call log.",
        "The guidance says so.\n"
        "[Footnote 1] Complaints guidance, 2024.\n"
        "[Footer] Case 4471",
    )


def test_tracked_changes_are_read_as_accepted_and_flagged():
    extraction = extract(DOCX, annotated_docx())
    assert "tracked_changes" in extraction.flags
    assert "refuses to" not in "".join(extraction.pages)
    assert "tracked_changes" not in extract(DOCX, response_docx()).flags


def test_document_properties_are_kept():
    document = docx.Document()
    document.core_properties.title = "Response to complaint"
    document.core_properties.author = "Practice manager"
    document.add_paragraph("Text")
    out = io.BytesIO()
    document.save(out)
    metadata = extract(DOCX, out.getvalue()).metadata
    assert metadata["title"] == "Response to complaint"
    assert metadata["author"] == "Practice manager"


def test_merged_cells_are_read_once():
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "Both columns"
    table.cell(0, 2).text = "Third"
    table.cell(1, 0).text = "a"
    table.cell(1, 2).text = "c"
    out = io.BytesIO()
    document.save(out)
    assert extract(DOCX, out.getvalue()).pages == ("Both columns\tThird\na\t\tc",)


def test_text_in_content_controls_is_read():
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("Before")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    control = parse_xml(
        f"<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Filled-in form field</w:t></w:r>"
        "</w:p></w:sdtContent></w:sdt>"
    )
    document.element.body.insert(1, control)
    out = io.BytesIO()
    document.save(out)
    assert extract(DOCX, out.getvalue()).pages == ("Before\nFilled-in form field",)


def test_a_docx_without_its_main_part_is_damaged():
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(response_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member in source.infolist():
            if member.filename != "word/document.xml":
                archive.writestr(member, source.read(member))
    with pytest.raises(ExtractionError, match="^damaged:"):
        extract(DOCX, out.getvalue())
