"""Word (.docx) text with python-docx: paragraphs and tables in document order.

A .docx has no fixed pages; we start a new page wherever the author put a page break.
"""

from __future__ import annotations

import io
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from worker.extract.errors import ExtractionError


def _starts_new_page(paragraph: Paragraph) -> bool:
    return any(br.get(qn("w:type")) == "page" for br in paragraph._p.iter(qn("w:br")))


def _table_text(table: Table) -> str:
    rows = []
    for row in table.rows:
        rows.append("\t".join(cell.text.strip() for cell in row.cells))
    return "\n".join(rows)


def extract_docx_pages(content: bytes) -> list[str]:
    try:
        document = docx.Document(io.BytesIO(content))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ExtractionError(
            f"the Word document is damaged and could not be read ({error})"
        ) from error
    except Exception as error:
        raise ExtractionError(f"the Word document could not be read ({error})") from error
    pages: list[list[str]] = [[]]
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            if _starts_new_page(block) and pages[-1]:
                pages.append([])
            if block.text.strip():
                pages[-1].append(block.text)
        else:
            pages[-1].append(_table_text(block))
    return ["\n".join(lines) for lines in pages]
