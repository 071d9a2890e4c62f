"""CSV files: pages of rows, each row a line of tab-separated cells.

Decoded as plain text is (UTF-8 with or without a byte-order mark, UTF-16 with one, else
Windows-1252, as Excel on British machines saves CSV). The delimiter is guessed from the
first lines among those spreadsheet programs write (comma, semicolon, tab, bar); a comma when
nothing can be guessed. A CSV file has no pages, so every CSV_ROWS_PER_PAGE rows make one.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from worker.extract.errors import ExtractionError
from worker.extract.limits import CSV_ROWS_PER_PAGE, MAX_CSV_FIELD_CHARS, MAX_PAGES
from worker.extract.result import Extraction
from worker.extract.table_rows import SHEET_CUT, TableBudget, is_cut, table_lines
from worker.extract.text import decode_text

_DELIMITERS = ",;\t|"
# Enough lines for the guess; the guess is only ever about the delimiter.
_SAMPLE_CHARS = 16 * 1024


def extract_csv(content: bytes) -> Extraction:
    """The rows, CSV_ROWS_PER_PAGE to a page; the last page says so if the file was cut."""
    text, encoding = decode_text(content)
    dialect = _dialect(text[:_SAMPLE_CHARS])
    # A process-wide setting of the csv module; set here so it holds wherever this runs.
    csv.field_size_limit(MAX_CSV_FIELD_CHARS)
    rows = csv.reader(io.StringIO(text, newline=""), dialect)
    lines = list(table_lines(_checked_rows(rows), TableBudget()))
    flags = (SHEET_CUT,) if is_cut(lines) else ()
    pages = ["\n".join(lines[start:start + CSV_ROWS_PER_PAGE])
             for start in range(0, len(lines), CSV_ROWS_PER_PAGE)] or [""]
    if len(pages) > MAX_PAGES:
        raise ExtractionError(
            f"too many pages: the CSV file has more than {MAX_PAGES * CSV_ROWS_PER_PAGE:,} rows "
            f"with text; the limit is {MAX_PAGES} pages of {CSV_ROWS_PER_PAGE}"
        )
    return Extraction(pages=tuple(pages), flags=flags,
                      metadata={"encoding": encoding, "delimiter": dialect.delimiter})


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:  # one column, or too few lines to tell
        return csv.excel


def _checked_rows(rows: Iterator[list[str]]) -> Iterator[list[str]]:
    try:
        yield from rows
    except csv.Error as error:
        raise ExtractionError(
            f"damaged: the CSV file could not be read at line {rows.line_num} ({error}); "
            f"a field may hold at most {MAX_CSV_FIELD_CHARS:,} characters"
        ) from error
