"""Small, valid PDF and Word files written from text: demo evidence and test fixtures."""

from __future__ import annotations

import io

import docx


def _pdf_string(text: str) -> bytes:
    # Latin-1 covers the demo's text; PDF strings escape only these three characters.
    escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    return b"(" + escaped.encode("latin-1", "replace") + b")"


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF with one page per list of lines, in Helvetica, with a text layer."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, filled in once the page objects are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for lines in pages:
        stream = b"BT /F1 11 Tf 14 TL 72 770 Td " + b" ".join(
            _pdf_string(line) + b" Tj T*" for line in lines
        ) + b" ET"
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_number = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_number
        )
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % len(kids)
    return pdf_from_objects(objects)


def pdf_from_objects(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF file of these objects (numbered from 1, the first the catalog) with its xref table;
    `trailer` adds entries to the trailer dictionary."""
    out = io.BytesIO()
    # The second line's high bytes tell file-transfer tools the file is binary.
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
              % (len(objects) + 1, trailer, xref))
    return out.getvalue()


def text_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    """A Word document with the paragraphs and, optionally, one table after them."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
