import codecs

import pytest

from casework.evidence import HTML, TEXT
from tests.fixtures import html_page
from worker.extract import ExtractionError, extract


@pytest.mark.parametrize(("content", "encoding"), [
    ("Caf\u00e9 \u00a3300 \u2013 paid".encode(), "utf-8"),
    (codecs.BOM_UTF8 + "Caf\u00e9 \u00a3300 \u2013 paid".encode(), "utf-8"),
    ("Caf\u00e9 \u00a3300 \u2013 paid".encode("utf-16"), "utf-16"),
    ("Caf\u00e9 \u00a3300 \u2013 paid".encode("cp1252"), "windows-1252"),
])
def test_text_is_decoded_whatever_its_encoding(content, encoding):
    extraction = extract(TEXT, content)
    assert extraction.pages == ("Caf\u00e9 \u00a3300 \u2013 paid",)
    assert extraction.metadata == {"encoding": encoding}


def test_form_feeds_start_pages():
    assert extract(TEXT, b"page one\r\n\fpage two\n").pages == ("page one", "page two")


def test_html_is_the_text_a_reader_sees():
    assert extract(HTML, html_page()).pages == (
        "Complaint form\n"
        "Your complaint\n"
        "The surgery cancelled my appointment.\n"
        "Date\tEvent\n"
        "4 February 2026\tCancelled",
    )


def test_an_empty_text_file_fails_with_a_reason():
    with pytest.raises(ExtractionError, match="^empty:"):
        extract(TEXT, b"")
