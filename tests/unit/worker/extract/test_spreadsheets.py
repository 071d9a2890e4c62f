"""Excel and CSV files: each sheet a page of tab-separated rows, cut at the limits, and said so."""

import pytest

from casework.evidence import CSV, XLSX
from tests.hazards import with_part
from tests.office_files import payments_csv, payments_xlsx
from worker.extract import ExtractionError, extract, run_isolated, table_rows


def test_each_sheet_is_a_page_of_tab_separated_rows():
    extraction = extract(XLSX, payments_xlsx())
    assert extraction.pages == (
        "[Sheet] Payments\n"
        "Date\tPayee\tAmount\n"
        "2026-03-03\tMrs Lovelace\t450\n"
        "2026-04-01\tRiverside Surgery refund\t12.5",
        # Hidden sheets are read: evidence may hide there.
        "[Sheet] Notes (hidden)\n\tApproved by the practice manager",
    )
    assert extraction.flags == ()


def test_the_isolated_reader_reads_a_spreadsheet_as_extract_does():
    assert run_isolated(XLSX, payments_xlsx(), 60, 2048) == extract(XLSX, payments_xlsx())


def test_a_csv_file_is_read_in_its_encoding_and_dialect():
    extraction = extract(CSV, payments_csv())
    assert extraction.pages == ("Date\tPayee\tAmount\n"
                                "2026-03-03\tLovelace, Ada\t£450\n"
                                "2026-04-01\tRiverside Surgery\t£12.50",)
    assert extraction.metadata == {"encoding": "windows-1252", "delimiter": ","}
    semicolons = extract(CSV, "\ufeffDate;Amount\n2026-03-03;450\n".encode())
    assert semicolons.pages == ("Date\tAmount\n2026-03-03\t450",)


def test_a_long_csv_file_makes_pages_of_bounded_rows(monkeypatch):
    monkeypatch.setattr("worker.extract.csv_table.CSV_ROWS_PER_PAGE", 2)
    extraction = extract(CSV, b"a,1\nb,2\nc,3\n\nd,4\ne,5\n")
    assert extraction.pages == ("a\t1\nb\t2", "c\t3\nd\t4", "e\t5")


def test_a_sheet_past_the_cell_limit_is_cut_and_says_so(monkeypatch):
    monkeypatch.setattr(table_rows, "MAX_SPREADSHEET_CELLS", 5)
    extraction = extract(XLSX, payments_xlsx())
    assert extraction.pages[0].splitlines() == [
        "[Sheet] Payments", "Date\tPayee\tAmount",
        "[Cut] The rest of this sheet was not read because the file has more than 5 cells; "
        "the original file is kept and can be downloaded.",
    ]
    assert extraction.pages[1].startswith("[Sheet] Notes (hidden)\n[Cut] ")
    assert extraction.flags == ("sheet_cut",)
    assert extract(CSV, payments_csv()).flags == ("sheet_cut",)


def test_a_sheet_past_the_row_limit_is_cut(monkeypatch):
    monkeypatch.setattr(table_rows, "MAX_SHEET_ROWS", 2)
    page = extract(CSV, payments_csv()).pages[0]
    assert page.splitlines()[-1].startswith("[Cut] The rest of this sheet was not read because "
                                            "it has more than 2 rows;")


def test_too_much_text_is_refused_with_the_limit(monkeypatch):
    monkeypatch.setattr(table_rows, "MAX_TEXT_CHARS", 20)
    with pytest.raises(ExtractionError, match="^too large: more than 20 characters of text$"):
        extract(XLSX, payments_xlsx())


def sheet_xlsx(sheet_xml: str) -> bytes:
    """payments_xlsx with its first sheet's XML replaced."""
    return with_part(payments_xlsx(), "xl/worksheets/sheet1.xml", sheet_xml.encode())


_SHEET = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          '<dimension ref="{dimension}"/><sheetData>{rows}</sheetData></worksheet>')


def test_a_sheet_that_lies_about_its_size_costs_only_its_cells():
    # It declares every cell Excel has, and puts its one row a billion rows down.
    content = sheet_xlsx(_SHEET.format(
        dimension="A1:XFD1048576",
        rows='<row r="1000000000"><c r="A1000000000" t="inlineStr"><is><t>far</t></is></c></row>'))
    extraction = extract(XLSX, content)
    assert extraction.pages[0].splitlines() == [
        "[Sheet] Payments",
        "[Cut] The rest of this sheet was not read because it has more than 1,048,576 rows; "
        "the original file is kept and can be downloaded.",
    ]


def test_a_sheet_of_sparse_wide_rows_is_cut_at_the_cell_limit():
    row = '<row r="{n}"><c r="XFD{n}" t="inlineStr"><is><t>x</t></is></c></row>'
    content = sheet_xlsx(_SHEET.format(
        dimension="A1", rows="".join(row.format(n=n) for n in range(1, 200))))
    extraction = extract(XLSX, content)
    assert "sheet_cut" in extraction.flags
    assert "more than 2,000,000 cells" in extraction.pages[0]


def test_a_spreadsheet_with_a_doctype_is_refused_before_parsing():
    content = sheet_xlsx('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
                         + _SHEET.format(dimension="A1", rows=""))
    with pytest.raises(ExtractionError, match="^unsafe XML: 'xl/worksheets/sheet1.xml' in the "
                                              "Excel spreadsheet declares a document type"):
        extract(XLSX, content)


def test_a_spreadsheet_that_is_a_zip_bomb_is_refused_before_parsing():
    content = sheet_xlsx(_SHEET.format(dimension="A1", rows=" " * (20 * 1024 * 1024)))
    with pytest.raises(ExtractionError, match="^zip bomb: 'xl/worksheets/sheet1.xml' in the "
                                              "Excel spreadsheet is compressed"):
        extract(XLSX, content)


def test_a_damaged_spreadsheet_fails_with_a_reason():
    # Well-formed up to its root, where the DOCTYPE check stops; broken in its rows.
    content = sheet_xlsx(_SHEET.format(dimension="A1", rows='<row r="1"><c r="A1"><v>1</v>')
                         .removesuffix("</sheetData></worksheet>"))
    with pytest.raises(ExtractionError, match="^damaged: "):
        extract(XLSX, content)


def test_a_csv_field_past_the_limit_fails_with_the_limit():
    with pytest.raises(ExtractionError, match="a field may hold at most 131,072 characters"):
        extract(CSV, b'a,"' + b"x" * 200_000 + b'"\n')
