"""Excel (.xlsx) text: each sheet a page of tab-separated rows, values as Excel last showed them.

The archive is checked as a Word document's is (sizes and compression, then every part for a
DOCTYPE) before openpyxl reads it. openpyxl reads in read-only mode, a row at a time, so a
large sheet costs time rather than memory; formulas give the value Excel saved with them
(data_only), which is what the person who sent the file saw. Each sheet's page starts with
its name; hidden sheets are read too, and say so, since evidence may hide there.
"""

from __future__ import annotations

import io
import warnings
import zipfile

import openpyxl

from worker.extract.errors import ExtractionError
from worker.extract.limits import MAX_PAGES
from worker.extract.result import Extraction
from worker.extract.table_rows import SHEET_CUT, TableBudget, is_cut, table_lines
from worker.extract.xml_safety import refuse_doctype_in_parts
from worker.extract.zip_limits import open_checked_zip

_WHAT = "the Excel spreadsheet"


def extract_xlsx(content: bytes) -> Extraction:
    """A page per sheet: "[Sheet] name", then a line per row with any text."""
    archive, _budget = open_checked_zip(content, _WHAT)
    with archive:
        refuse_doctype_in_parts(archive, _WHAT)
    workbook = _load(content)
    try:
        sheets = workbook.worksheets
        if len(sheets) > MAX_PAGES:
            raise ExtractionError(
                f"too many pages: the spreadsheet has {len(sheets)} sheets; "
                f"the limit is {MAX_PAGES}"
            )
        budget = TableBudget()
        pages, flags = [], set()
        for sheet in sheets:
            lines = [_sheet_heading(sheet)]
            # The dimensions a sheet declares may be a lie (A1:XFD1048576): read only the
            # cells that are there.
            sheet.reset_dimensions()
            lines += table_lines(sheet.iter_rows(values_only=True), budget)
            if is_cut(lines):
                flags.add(SHEET_CUT)
            pages.append("\n".join(lines))
    finally:
        workbook.close()
    return Extraction(pages=tuple(pages), flags=tuple(sorted(flags)),
                      metadata={"sheets": len(pages)})


def _load(content: bytes):
    try:
        with warnings.catch_warnings():
            # openpyxl warns of styles, extensions and validations it does not keep; none of
            # them changes a cell's text.
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except MemoryError:
        raise  # not damage: the memory limit, reported as such by run_isolated
    except (KeyError, zipfile.BadZipFile) as error:
        raise ExtractionError(f"damaged: a part of {_WHAT} is missing ({error})") from error
    except Exception as error:  # openpyxl raises many kinds for a broken workbook
        raise ExtractionError(f"damaged: {_WHAT} could not be read ({error})") from error


def _sheet_heading(sheet) -> str:
    hidden = " (hidden)" if sheet.sheet_state != "visible" else ""
    return f"[Sheet] {sheet.title}{hidden}"
