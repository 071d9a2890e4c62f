"""Hostile and broken files, generated on the fly: each must fail with a reason, not hurt us.

None of these is a copy of a real attack file; each is built here from its description, so
the suite carries no binaries and passes on a fresh machine.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from tests.fixtures import complaint_pdf, pdf_from_objects, response_docx


def ratio_zip_bomb(megabytes: int = 20) -> bytes:
    """A small zip whose one member inflates a thousand times over: zeros compress that well."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive, \
            archive.open("zeros.txt", "w") as member:
        chunk = bytes(1024 * 1024)
        for _ in range(megabytes):
            member.write(chunk)
    return out.getvalue()


def declared_size_zip_bomb() -> bytes:
    """A zip whose directory declares a 4 GB member: refused before anything is inflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("huge.bin", b"\x00" * 1024)
    data = bytearray(out.getvalue())
    central = data.rindex(b"PK\x01\x02")
    # Uncompressed size sits 24 bytes into a central directory entry.
    struct.pack_into("<I", data, central + 24, 0xFFFFFFFE)
    return bytes(data)


def crowded_zip(entries: int = 1001) -> bytes:
    """More entries than any bundle of evidence needs."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for number in range(entries):
            archive.writestr(f"note-{number}.txt", "x")
    return out.getvalue()


def nested_zip(depth: int) -> bytes:
    """A zip in a zip in a zip..., `depth` zips in all, a text file at the centre."""
    content = b"the centre"
    name = "centre.txt"
    for level in range(depth):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr(name, content)
        content, name = out.getvalue(), f"level-{level}.zip"
    return content


def _docx_with_part(part_name: str, xml: bytes) -> bytes:
    """The response .docx with one part replaced."""
    return with_part(response_docx(), part_name, xml)


def with_part(office_file: bytes, part_name: str, xml: bytes) -> bytes:
    """An Office file (a zip) with one part replaced."""
    source = zipfile.ZipFile(io.BytesIO(office_file))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = xml if member.filename == part_name else source.read(member)
            archive.writestr(member.filename, data)
    return out.getvalue()


_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def xxe_docx() -> bytes:
    """A .docx whose body declares an external entity that would read /etc/passwd."""
    return _docx_with_part("word/document.xml", (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        b"<w:document " + _W + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
        b"</w:body></w:document>"
    ))


def billion_laughs_docx() -> bytes:
    """A .docx whose styles declare entities that expand to about a gigabyte."""
    entities = b'<!ENTITY lol0 "lol">' + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10) for level in range(1, 10)
    )
    return _docx_with_part("word/styles.xml", (
        b'<?xml version="1.0"?>\n<!DOCTYPE w:styles [' + entities + b"]>\n"
        b"<w:styles " + _W + b"><w:style>&lol9;</w:style></w:styles>"
    ))


def utf16_doctype_docx() -> bytes:
    """The external entity again, in UTF-16, where a byte search for "<!DOCTYPE" finds nothing."""
    xml = (
        '<?xml version="1.0" encoding="UTF-16"?>\n'
        '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        f"<w:document {_W.decode()}><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    return _docx_with_part("word/document.xml", xml.encode("utf-16"))


def truncated_pdf() -> bytes:
    """The first half of a PDF, as an interrupted download leaves it."""
    pdf = complaint_pdf()
    return pdf[: len(pdf) // 2]


def encrypted_pdf() -> bytes:
    """A PDF locked with a user password (standard security handler, RC4 40-bit).

    No library here writes encrypted PDFs, so the file is written by hand. Its /U entry
    (the check value for the user password) is not the empty password's, so a reader must
    ask for a password; the content never needs to be decryptable.
    """
    file_id = b"<" + b"0123456789abcdef" * 2 + b">"
    return pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <" + b"7a" * 32 + b"> /U <"
            + b"3c" * 32 + b"> >>",
        ],
        trailer=b"/Encrypt 4 0 R /ID [%s %s] " % (file_id, file_id),
    )


def image_bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A PNG of a few hundred bytes that declares ten gigapixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024)) + chunk(b"IEND", b"")
    )


def mislabelled_pdf() -> tuple[str, bytes]:
    """A PDF uploaded under a Word document's name: the name must not decide how it is read."""
    return "response.docx", complaint_pdf()


def slow_pdf(pages: int = 2000, grid: int = 30) -> bytes:
    """A long PDF whose every page is a ruled table: honest, but seconds of work to read.

    All pages share one content stream, so the file stays small however long it is.
    """
    size = 500 / grid
    stream = [b"0.5 w"]
    for step in range(grid + 1):
        offset = 50 + step * size
        stream.append(b"50 %.1f m 550 %.1f l S" % (offset, offset))  # a row's rule
        stream.append(b"%.1f 50 m %.1f 550 l S" % (offset, offset))  # a column's rule
    for row in range(grid):
        for column in range(grid):
            stream.append(b"BT /F1 6 Tf %.1f %.1f Td (%d) Tj ET"
                          % (52 + column * size, 52 + row * size, row * grid + column))
    content = b"\n".join(stream)
    kids = b" ".join(b"%d 0 R" % (5 + page) for page in range(pages))
    page = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        *([page] * pages),
    ])


def stored_zip_starting_with_pdf() -> bytes:
    """A zip stored without compression whose first member is a PDF: "%PDF-" is in its head."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("complaint.pdf", complaint_pdf())
        archive.writestr("notes.txt", "Call the surgery on Monday.")
    return out.getvalue()


def pdf_with_zip_appended() -> bytes:
    """A polyglot: a whole PDF, then a whole zip. Either reading alone would hide the other."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("notes.txt", "Call the surgery on Monday.")
    return complaint_pdf() + out.getvalue()


_XXE_BODY = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    b"<w:document " + b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    + b"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>"
)


def renamed_main_part_docx() -> bytes:
    """A .docx whose main part is "word/document.bin", found through its relationships, with
    the external entity in it: a check of parts named .xml never sees it."""
    source = zipfile.ZipFile(io.BytesIO(response_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member)
            if member.filename == "word/document.xml":
                archive.writestr("word/document.bin", _XXE_BODY)
                continue
            if member.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"/word/document.xml", b"/word/document.bin")
                data = data.replace(b"word/document.xml", b"word/document.bin")
            archive.writestr(member.filename, data)
    return out.getvalue()


def doctype_in_rels_docx() -> bytes:
    """A .docx whose package relationships (_rels/.rels) carry the DOCTYPE."""
    source = zipfile.ZipFile(io.BytesIO(response_docx()))
    rels = source.read("_rels/.rels")
    declaration = b'<!DOCTYPE Relationships [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    start = rels.index(b"<Relationships")
    return _docx_with_part("_rels/.rels", rels[:start] + declaration + rels[start:])


def doctype_in_custom_xml_docx() -> bytes:
    """A .docx with a customXml item, a part nothing reads as text, holding the DOCTYPE."""
    out = io.BytesIO(response_docx())
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("customXml/item9.xml",
                         b'<?xml version="1.0"?>\n<!DOCTYPE data [<!ENTITY a "aaaa">]>\n'
                         b"<data>&a;</data>")
    return out.getvalue()


def many_megabyte_members_zip(members: int = 480) -> bytes:
    """Under a megabyte of zip holding 480 text files of a megabyte each: every member passes
    the one-member rules, yet together they are a 480 MiB bomb."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for number in range(members):
            body = (b"Page %d of the bundle.\n" % number + b"spam " * 2**18)[: 2**20]
            archive.writestr(f"page-{number:03}.txt", body)
    return out.getvalue()


def zip_with_unreadable_members() -> bytes:
    """A bundle with a readable letter, a member whose bytes fail their checksum, a hidden
    file and a resource fork: the letter is extracted, the others listed with their reasons."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("letter.txt", "We accept the complaint.")
        archive.writestr("damaged.txt", "These bytes will not match their checksum.")
        archive.writestr(".hidden", "x")
        archive.writestr("__MACOSX/._letter.txt", b"\x00\x05\x16\x07")
    data = bytearray(out.getvalue())
    where = data.index(b"These bytes")
    data[where:where + 5] = b"Those"  # stored bytes changed: the CRC no longer matches
    return bytes(data)


def nested_zips_over_budget(inner: int = 3, megabytes: int = 80) -> bytes:
    """A zip of zips each within the budget, whose members together are over it."""
    body = (b"spam " * 2**18)[: 2**20]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as outer:
        for number in range(inner):
            inner_zip = io.BytesIO()
            with zipfile.ZipFile(inner_zip, "w", zipfile.ZIP_DEFLATED) as archive:
                for part in range(megabytes):
                    archive.writestr(f"part-{part}.txt", b"%d %d\n" % (number, part) + body)
            outer.writestr(f"inner-{number}.zip", inner_zip.getvalue())
    return out.getvalue()
