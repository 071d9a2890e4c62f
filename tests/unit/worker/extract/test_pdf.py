import pytest

from casework.evidence import PDF
from tests.fixtures import (
    TABLE_ROWS,
    complaint_pdf,
    pdf_from_objects,
    ruled_table_pdf,
    single_page_pdf,
)
from worker.extract import ExtractionError, extract


def test_ruled_tables_become_tab_separated_rows_in_place():
    extraction = extract(PDF, ruled_table_pdf())
    rows = "\n".join("\t".join(row) for row in TABLE_ROWS)
    assert extraction.pages == (
        f"Timeline of events\n\n{rows}\nSigned by the practice manager",
    )
    assert extraction.flags == ("tables",)


def test_text_without_rulings_is_plain_text():
    extraction = extract(PDF, complaint_pdf())
    assert extraction.flags == ()
    assert extraction.ocr_pages == ()
    assert "\r" not in "".join(extraction.pages)


def test_a_blank_page_is_empty_not_a_scan():
    blank = pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ])
    extraction = extract(PDF, blank)
    assert extraction.pages == ("",)
    assert extraction.ocr_pages == ()
    assert extraction.flags == ()


def test_document_properties_are_kept():
    titled = pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Title (Complaint file) /Author (Jane Smith) /CreationDate (D:20260204101500Z) >>",
        ],
        trailer=b"/Info 4 0 R ",
    )
    assert extract(PDF, titled).metadata == {
        "title": "Complaint file", "author": "Jane Smith", "created": "2026-02-04T10:15:00+00:00",
    }


def test_too_many_pages_fail_with_a_reason(monkeypatch):
    monkeypatch.setattr("worker.extract.pdf.MAX_PAGES", 1)
    with pytest.raises(ExtractionError, match="^too many pages: the PDF has 2 pages"):
        extract(PDF, complaint_pdf())


def test_an_empty_file_fails_with_a_reason():
    with pytest.raises(ExtractionError, match="^empty:"):
        extract(PDF, b"")


def _ruled_page(text_operators: list[bytes]) -> bytes:
    """One page with a two-by-two table ruled at x 72, 272, 472 and y 700, 676, 652."""
    stream = [b"0.5 w"]
    for y in (700, 676, 652):
        stream.append(b"72 %d m 472 %d l S" % (y, y))
    for x in (72, 272, 472):
        stream.append(b"%d 700 m %d 652 l S" % (x, x))
    return single_page_pdf(b"\n".join(stream + text_operators))


def _glyph_by_glyph(text: str, x: float, y: float) -> list[bytes]:
    """Text drawn one character per text object, as some report generators do."""
    width = 5.56  # digits are 556/1000 em wide in Helvetica
    return [
        b"BT /F1 10 Tf %.2f %d Td (%s) Tj ET" % (x + n * width, y, char.encode())
        for n, char in enumerate(text)
    ]


def test_a_table_drawn_a_glyph_at_a_time_reads_as_rows():
    page = _ruled_page(
        _glyph_by_glyph("2026", 80, 684) + _glyph_by_glyph("1250", 280, 684)
        + _glyph_by_glyph("2027", 80, 660) + _glyph_by_glyph("3325", 280, 660)
    )
    extraction = extract(PDF, page)
    # pdfium puts a space between glyphs drawn apart; the cells and rows are what matter.
    (text,) = extraction.pages
    assert [[cell.replace(" ", "") for cell in row.split("\t")] for row in text.split("\n")] == [
        ["2026", "1250"], ["2027", "3325"],
    ]
    assert extraction.flags == ("tables",)


def test_text_across_a_rule_is_split_by_where_each_character_stands():
    # One text object whose first two characters stand left of the rule at x 272.
    straddling = b"BT /F1 10 Tf %.2f 684 Td (0000) Tj ET" % (272 - 2 * 5.56)
    page = _ruled_page([
        b"BT /F1 10 Tf 72 760 Td (Above the table) Tj ET",
        straddling,
        b"BT /F1 10 Tf 80 660 Td (left) Tj ET",
        b"BT /F1 10 Tf 280 660 Td (right) Tj ET",
    ])
    assert extract(PDF, page).pages == ("Above the table\n\n00\t00\nleft\tright",)


@pytest.mark.parametrize("content", [
    pytest.param(ruled_table_pdf, id="one object per cell"),
    pytest.param(lambda: _ruled_page(
        _glyph_by_glyph("2026 x", 80, 684) + _glyph_by_glyph("0.50", 280, 684)
        + [b"BT /F1 10 Tf 72 760 Td (Above) Tj ET"]
    ), id="glyph by glyph"),
    pytest.param(lambda: _ruled_page(
        [b"BT /F1 10 Tf %.2f 684 Td (0000 1111) Tj ET" % (272 - 2 * 5.56),
         b"BT /F1 10 Tf 80 660 Td (left) Tj ET", b"BT /F1 10 Tf 280 660 Td (right) Tj ET"]
    ), id="across a rule"),
])
def test_characters_read_in_runs_go_where_reading_each_would_put_them(content):
    """Reading boxes a line or a word at a time is only a shortcut: each character must
    land where its own box, read alone, puts it."""
    import pypdfium2 as pdfium

    from worker.extract.pdf_placement import owner_runs
    from worker.extract.pdf_tables import find_tables

    document = pdfium.PdfDocument(content())
    page = document[0]
    textpage = page.get_textpage()
    tables = find_tables(page)
    text = textpage.get_text_range()
    assert tables and len(text) == textpage.count_chars()
    expected, owner = [], None
    for index in range(len(text)):
        left, bottom, right, top = textpage.get_charbox(index)
        if right - left >= 0.01 and top - bottom >= 0.01:
            x, y = (left + right) / 2, (bottom + top) / 2
            owner = next(
                ((number, table.cell_at(x, y)) for number, table in enumerate(tables)
                 if table.box[0] <= x <= table.box[2] and table.box[1] <= y <= table.box[3]),
                None,
            )
            if owner is not None and owner[1] is None:
                owner = None
        expected.append(owner)
    placed = [owner for start, end, owner in owner_runs(textpage, text, tables)
              for _ in range(start, end)]
    assert placed == expected
    textpage.close()
    page.close()
    document.close()
