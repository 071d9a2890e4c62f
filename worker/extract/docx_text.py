"""The text of WordprocessingML elements (paragraphs, tables, notes), as a reader sees it.

python-docx's own `Paragraph.text` skips runs inside tracked insertions and content controls,
so we walk the XML: inserted text is kept, deleted and moved-away text is left out, text boxes
are read once (not again from their compatibility copy), and the footnotes and comments a
paragraph refers to are collected so that they can be printed on the same page.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from docx.oxml.ns import qn

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
W_P, W_TBL, W_TR, W_TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_TEXT, _TAB, _BR, _CR = qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")
_NO_BREAK_HYPHEN = qn("w:noBreakHyphen")
_TYPE, _ID, _VAL = qn("w:type"), qn("w:id"), qn("w:val")
_PARAGRAPH_PROPERTIES, _PAGE_BREAK_BEFORE = qn("w:pPr"), qn("w:pageBreakBefore")
_SECTION = qn("w:sectPr")
_FOOTNOTE_REF, _ENDNOTE_REF = qn("w:footnoteReference"), qn("w:endnoteReference")
_COMMENT_REF = qn("w:commentReference")
# Content that is not the text a reader sees: deletions, text moved elsewhere, field codes,
# properties, and the compatibility copy of a text box (mc:Fallback repeats mc:Choice).
_SKIPPED = frozenset({
    qn("w:del"), qn("w:moveFrom"), qn("w:delText"), qn("w:instrText"), qn("w:pPr"),
    qn("w:rPr"), qn("w:tblPr"), qn("w:trPr"), qn("w:tcPr"), f"{_MC}Fallback",
})
TRACKED_CHANGE_TAGS = frozenset({qn("w:ins"), qn("w:del"), qn("w:moveFrom"), qn("w:moveTo")})
# Containers whose children are paragraphs and tables, read in order.
_BLOCK_CONTAINERS = frozenset({qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml"), qn("w:ins")})


@dataclass
class Block:
    """A paragraph or a table: its text, whether it starts a page, and the notes it cites."""

    text: str = ""
    page_break: bool = False
    # The paragraph ends a section that starts its successor on a new page.
    page_break_after: bool = False
    footnotes: list[str] = field(default_factory=list)
    endnotes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def iter_blocks(container) -> Iterator[Block]:
    """Paragraphs and tables of a body, header, note or cell, in document order."""
    for child in container:
        if child.tag == W_P:
            yield read_paragraph(child)
        elif child.tag == W_TBL:
            yield read_table(child)
        elif child.tag in _BLOCK_CONTAINERS:
            yield from iter_blocks(child)


def blocks_text(container) -> str:
    """All the text of a container, one line per paragraph or table row."""
    return "\n".join(block.text for block in iter_blocks(container) if block.text.strip())


def read_paragraph(paragraph) -> Block:
    """A paragraph's text as a reader sees it, its page breaks and the notes it cites."""
    block = Block()
    properties = paragraph.find(_PARAGRAPH_PROPERTIES)
    if properties is not None:
        before = properties.find(_PAGE_BREAK_BEFORE)
        block.page_break = before is not None and before.get(_VAL) not in ("0", "false", "off")
        section = properties.find(_SECTION)
        if section is not None:
            kind = section.find(_TYPE)
            block.page_break_after = kind is None or kind.get(_VAL) != "continuous"
    pieces: list[str] = []
    _read_inline(paragraph, pieces, block)
    block.text = "".join(pieces)
    return block


def read_table(table) -> Block:
    """One line per row, cells separated by tabs; merged cells appear once."""
    block = Block()
    rows = []
    for row in table.iter(W_TR):
        if _enclosing_table(row) is not table:
            continue  # a row of a table nested in a cell: read with that cell
        cells = []
        for cell in row.iterchildren(W_TC):
            texts = []
            for inner in iter_blocks(cell):
                texts.append(inner.text)
                block.footnotes += inner.footnotes
                block.endnotes += inner.endnotes
                block.comments += inner.comments
            cells.append(" ".join(" ".join(texts).split()))
        if any(cells):
            rows.append("\t".join(cells))
    block.text = "\n".join(rows)
    return block


def has_tracked_changes(element) -> bool:
    """Whether the element holds insertions, deletions or moves recorded by Track Changes."""
    return any(True for _ in element.iter(*TRACKED_CHANGE_TAGS))


def _enclosing_table(row):
    parent = row.getparent()
    while parent is not None and parent.tag != W_TBL:
        parent = parent.getparent()
    return parent


def _read_inline(element, pieces: list[str], block: Block) -> None:
    for child in element:
        tag = child.tag
        if tag in _SKIPPED or not isinstance(tag, str):
            continue  # skipped content, or an XML comment or processing instruction
        if tag == _TEXT:
            pieces.append(child.text or "")
        elif tag == _TAB:
            pieces.append("\t")
        elif tag == _BR:
            if child.get(_TYPE) == "page":
                block.page_break = True
            else:
                pieces.append("\n")
        elif tag == _CR:
            pieces.append("\n")
        elif tag == _NO_BREAK_HYPHEN:
            pieces.append("-")
        elif tag == _FOOTNOTE_REF:
            block.footnotes.append(child.get(_ID, ""))
        elif tag == _ENDNOTE_REF:
            block.endnotes.append(child.get(_ID, ""))
        elif tag == _COMMENT_REF:
            block.comments.append(child.get(_ID, ""))
        elif tag == W_P:
            pieces.append("\n")  # a paragraph of a text box inside this one
            _read_inline(child, pieces, block)
        elif tag == W_TBL:
            pieces.append("\n" + read_table(child).text)
        else:
            # Runs, hyperlinks, insertions, fields, content controls, drawings holding text
            # boxes: their text is somewhere inside.
            _read_inline(child, pieces, block)
