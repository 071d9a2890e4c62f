"""Evidence files the tests generate, so the suite carries no binary fixtures."""

from __future__ import annotations

import functools
import io
import zipfile

from commands.sample_files import pdf_from_objects, text_docx, text_pdf

COMPLAINT_PAGES = [
    [
        "Complaint about Riverside Surgery",
        "On 4 February 2026 the surgery cancelled my appointment.",
    ],
    ["Nobody called me back for three weeks.", "I want an apology."],
]


def complaint_pdf() -> bytes:
    return text_pdf(COMPLAINT_PAGES)


@functools.cache
def response_docx() -> bytes:
    # Made once per run: a .docx holds the time it was written, so two makings can differ.
    return text_docx(
        ["Riverside Surgery complaint response", "We accept that the call back was missed."],
        table=[["Date", "Event"], ["4 February 2026", "Appointment cancelled"]],
    )


def corrupt_pdf() -> bytes:
    """Starts like a PDF, then stops: the worker must fail it, not crash."""
    return complaint_pdf()[:200]


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("notes.txt", "not a Word document")
    return out.getvalue()


# --- Every other kind of evidence, generated -------------------------------------------------

SCANNED_LINES = ["Riverside Surgery", "Complaint reference 4471"]


def text_image(lines: list[str], image_format: str = "PNG", frames: int = 1) -> bytes:
    """Black text on white, as a scanner or a phone gives it; a TIFF may have several frames."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.load_default(size=48)
    pages = []
    for frame in range(frames):
        image = Image.new("L", (1400, 120 + 90 * len(lines)), 255)
        draw = ImageDraw.Draw(image)
        for row, line in enumerate(lines):
            text = line if frame == 0 else f"{line} page {frame + 1}"
            draw.text((60, 60 + 90 * row), text, fill=0, font=font)
        pages.append(image)
    out = io.BytesIO()
    pages[0].save(out, image_format, save_all=frames > 1, append_images=pages[1:])
    return out.getvalue()


def scanned_pdf(lines: list[str] = SCANNED_LINES) -> bytes:
    """A PDF page that is only a picture of text: no text layer, as from a scanner."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(text_image(lines))).save(out, "PDF", resolution=150)
    return out.getvalue()


def html_page() -> bytes:
    """A complaint form as a web page: a title, invisible style and script, a table."""
    return (
        b"<!DOCTYPE html><html><head><title>Complaint form</title>"
        b"<style>p { color: red }</style><script>alert('no')</script></head>"
        b"<body><h1>Your complaint</h1><p>The surgery&nbsp;cancelled my <b>appointment</b>.</p>"
        b"<table><tr><th>Date</th><th>Event</th></tr>"
        b"<tr><td>4 February 2026</td><td>Cancelled</td></tr></table></body></html>"
    )


def complaint_eml() -> bytes:
    """An email with a plain and an HTML body, a PDF attachment, a logo and a forwarded email."""
    from email.message import EmailMessage

    forwarded = EmailMessage()
    forwarded["From"] = "Ward Manager <ward@nhs.example>"
    forwarded["Subject"] = "Re: call back 3/4"
    forwarded.set_content("We will call her back.")

    message = EmailMessage()
    message["From"] = "Jane Smith <jane@example.org>"
    message["To"] = "Casework <cases@ombudsman.example>"
    message["Cc"] = "Ward Manager <ward@nhs.example>"
    message["Date"] = "Wed, 04 Feb 2026 10:15:00 +0000"
    message["Subject"] = "Complaint – missed call back"
    message.set_content("Nobody called me back.\nJane")
    message.add_alternative("<p>Nobody called me <b>back</b>.</p><img src='cid:logo'>",
                            subtype="html")
    html_part = message.get_payload()[1]
    html_part.add_related(text_image(["logo"]), "image", "png", cid="<logo>")
    message.add_attachment(complaint_pdf(), "application", "pdf",
                           filename="../../letters/complaint.pdf")
    message.add_attachment(forwarded)
    return message.as_bytes()


def outlook_msg() -> bytes:
    """An Outlook .msg (OLE2 compound file of MAPI properties) with a PDF attached."""
    import struct

    from extract_msg.ole_writer import OleWriter

    def entry(tag: int, value: bytes) -> bytes:
        return struct.pack("<II", tag, 6) + value  # flags: readable and writable

    def add_strings(prefix: str, strings: dict[int, str]) -> bytes:
        table = b""
        for property_id, text in strings.items():
            data = text.encode("utf-16-le")
            writer.addEntry(f"{prefix}__substg1.0_{property_id:04X}001F", data)
            table += entry((property_id << 16) | 0x001F, struct.pack("<II", len(data) + 2, 0))
        return table

    writer = OleWriter()
    headers = (
        "From: Jane Smith <jane@example.org>\r\nTo: Casework <cases@ombudsman.example>\r\n"
        "Date: Wed, 04 Feb 2026 10:15:00 +0000\r\nSubject: Missed call back\r\n\r\n"
    )
    properties = struct.pack("<8sIIII8s", bytes(8), 1, 1, 0, 1, bytes(8))
    properties += add_strings("", {
        0x001A: "IPM.Note", 0x0037: "Missed call back", 0x1000: "Nobody called me back.\r\nJane",
        0x007D: headers, 0x0C1A: "Jane Smith", 0x5D01: "jane@example.org",
    })
    properties += entry(0x0E070003, struct.pack("<I4x", 1))  # message flags: read, sent
    writer.addEntry("__properties_version1.0", properties)
    writer.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        writer.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")

    folder = "__attach_version1.0_#00000000/"
    writer.addEntry(folder[:-1], storage=True)
    attachment = bytes(8) + entry(0x37050003, struct.pack("<I4x", 1))  # attached by value
    attachment += add_strings(folder, {0x3707: "letter.pdf", 0x3704: "letter.pdf"})
    writer.addEntry(folder + "__substg1.0_37010102", complaint_pdf())
    attachment += entry(0x37010102, struct.pack("<II", len(complaint_pdf()), 0))
    writer.addEntry(folder + "__properties_version1.0", attachment)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def bundle_zip() -> bytes:
    """A zip as people send them: folders, a macOS resource fork, a hidden file, a crafty path."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bundle/", "")
        archive.writestr("bundle/complaint.pdf", complaint_pdf())
        archive.writestr("bundle/notes.txt", "Call the surgery on Monday.")
        archive.writestr("other/notes.txt", "A second file with the same name.")
        archive.writestr("../../etc/response.docx", response_docx())
        archive.writestr("__MACOSX/bundle/._complaint.pdf", b"\x00\x05\x16\x07")
        archive.writestr("bundle/.DS_Store", b"\x00\x00\x00\x01Bud1")
    return out.getvalue()


TABLE_ROWS = [["Date", "Event"], ["4 February 2026", "Appointment cancelled"],
              ["25 February 2026", "Complaint made"]]


def ruled_table_pdf(rows: list[list[str]] = TABLE_ROWS) -> bytes:
    """One page: a line of text, a table ruled with lines, a line of text after it."""
    left, top, width, height = 72, 700, 200, 24
    stream = [b"BT /F1 11 Tf 72 760 Td (Timeline of events) Tj ET", b"0.5 w"]
    columns = len(rows[0])
    for row in range(len(rows) + 1):  # horizontal rules
        y = top - row * height
        stream.append(b"%d %d m %d %d l S" % (left, y, left + columns * width, y))
    for column in range(columns + 1):  # vertical rules
        x = left + column * width
        stream.append(b"%d %d m %d %d l S" % (x, top, x, top - len(rows) * height))
    for row, values in enumerate(rows):
        for column, value in enumerate(values):
            x, y = left + column * width + 6, top - (row + 1) * height + 8
            text = value.encode("latin-1").replace(b"(", b"\\(").replace(b")", b"\\)")
            stream.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (x, y, text))
    after = top - len(rows) * height - 40
    stream.append(b"BT /F1 11 Tf 72 %d Td (Signed by the practice manager) Tj ET" % after)
    return single_page_pdf(b"\n".join(stream))


def single_page_pdf(content: bytes) -> bytes:
    """A one-page PDF drawing `content` (PDF operators), with Helvetica as /F1."""
    return pdf_from_objects([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ])



def annotated_docx() -> bytes:
    """A Word file with everything around the body: header, footer, a comment, a footnote on
    page 2, and tracked changes (an insertion and a deletion)."""
    import docx
    from docx.enum.text import WD_BREAK
    from docx.opc.constants import CONTENT_TYPE, RELATIONSHIP_TYPE
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(tag: str, text: str | None = None, **attributes: str):
        run = OxmlElement("w:r")
        child = OxmlElement(tag, {qn(f"w:{k}"): v for k, v in attributes.items()})
        if text is not None:
            child.text = text
        run.append(child)
        return run

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Riverside Surgery: confidential"
    section.footer.paragraphs[0].text = "Case 4471"
    commented = document.add_paragraph("We accept that the call back was missed.")
    document.add_comment(commented.runs, text="Ask for the call log.", author="A. Investigator")

    changed = document.add_paragraph("The practice ")
    change = {qn("w:author"): "Practice manager", qn("w:date"): "2026-02-05T09:00:00Z"}
    deletion = OxmlElement("w:del", {qn("w:id"): "11", **change})
    deletion.append(run_with("w:delText", "refuses to"))
    insertion = OxmlElement("w:ins", {qn("w:id"): "12", **change})
    insertion.append(run_with("w:t", "will"))
    changed._p.append(deletion)
    changed._p.append(insertion)
    changed.add_run(" apologise.")

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    cited = document.add_paragraph("The guidance says so.")
    cited._p.append(run_with("w:footnoteReference", id="1"))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    footnotes = (
        f'<w:footnotes {w}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
        '</w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Complaints guidance, '
        "2024.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    ).encode()
    part = Part(PackURI("/word/footnotes.xml"), CONTENT_TYPE.WML_FOOTNOTES, footnotes,
                document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
