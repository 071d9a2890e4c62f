"""Each hostile or broken file fails at once with a reason an investigator can act on."""

import io

import pytest

from casework.evidence import DOCX, PDF, PNG, ZIP, sniff_media_type
from tests import hazards
from worker.extract import ExtractionError, extract


def reason_for(content: bytes) -> str:
    """What an upload of this content comes to: sniffed as the pipeline does, then extracted."""
    media_type = sniff_media_type(io.BytesIO(content))
    with pytest.raises(ExtractionError) as failure:
        extract(media_type, content)
    return str(failure.value)


@pytest.mark.parametrize(("make", "media_type", "reason"), [
    (hazards.ratio_zip_bomb, ZIP, "^zip bomb: 'zeros.txt' in the zip archive is compressed"),
    (hazards.declared_size_zip_bomb, ZIP,
     "^zip bomb: the members of the zip archive total 4,096 MiB, over the 200 MiB budget$"),
    (hazards.crowded_zip, ZIP, "^too many files: the zip archive holds 1001 entries"),
    (hazards.many_megabyte_members_zip, ZIP,
     "^zip bomb: the members of the zip archive total 480 MiB, over the 200 MiB budget$"),
    (hazards.nested_zips_over_budget, ZIP, "^zip bomb: the members of the zip archive with "
     "the archives inside it total 240 MiB, over the 200 MiB budget$"),
    (hazards.renamed_main_part_docx, DOCX, "^unsafe XML: 'word/document.bin' in the Word"),
    (hazards.doctype_in_rels_docx, DOCX, "^unsafe XML: '_rels/.rels' in the Word document"),
    (hazards.doctype_in_custom_xml_docx, DOCX, "^unsafe XML: 'customXml/item9.xml' in the"),
    (hazards.xxe_docx, DOCX, "^unsafe XML: 'word/document.xml' in the Word document"),
    (hazards.billion_laughs_docx, DOCX, "^unsafe XML: 'word/styles.xml' in the Word document"),
    (hazards.utf16_doctype_docx, DOCX, "^unsafe XML: 'word/document.xml'"),
    (hazards.truncated_pdf, PDF, "^damaged: the PDF could not be read"),
    (hazards.encrypted_pdf, PDF, "^encrypted: the PDF needs a password"),
    (hazards.image_bomb_png, PNG, "^image too large:"),
])
def test_hostile_files_fail_with_a_reason(make, media_type, reason):
    content = make()
    assert sniff_media_type(io.BytesIO(content)) == media_type
    with pytest.raises(ExtractionError, match=reason):
        extract(media_type, content)


def test_a_docx_that_is_a_zip_bomb_is_refused_before_parsing():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (20 * 1024 * 1024))
    assert reason_for(out.getvalue()).startswith("zip bomb: 'word/document.xml' in the Word")


def test_an_image_just_over_the_pixel_limit_is_refused(monkeypatch):
    monkeypatch.setattr("worker.extract.image.MAX_IMAGE_PIXELS", 1000)
    assert reason_for(hazards.image_bomb_png(100, 11)) == (
        "image too large: the image is 100 x 11 pixels; the limit is 1,000 pixels"
    )


def test_containers_stop_yielding_children_past_the_nesting_limit():
    content, depth = hazards.nested_zip(7), 0
    with pytest.raises(ExtractionError, match="^nested too deep: this file was found 5 files deep"):
        while True:
            [child] = extract(ZIP, content, depth=depth).attachments
            content, depth = child.content, depth + 1


def test_a_pdf_named_docx_is_read_as_a_pdf():
    filename, content = hazards.mislabelled_pdf()
    assert filename.endswith(".docx")
    assert sniff_media_type(io.BytesIO(content)) == PDF
    assert extract(PDF, content).pages[0].startswith("Complaint about Riverside Surgery")
