"""Word (.docx) text: body, tables, headers, footers, footnotes, endnotes and comments.

A .docx has no fixed pages; a new page starts wherever the author put a page break or a
section break. Footnotes and comments are printed at the end of the page that refers to them,
as "[Footnote 2] ..." and "[Comment by Name] ...", so that a quote from them can be cited by
page; headers go at the top of the first page, footers and endnotes at the end of the last.
Tracked changes are read as if accepted (insertions in, deletions out) and flagged.

The archive is checked before python-docx reads it: sizes and compression first (zip bombs),
then every part that is or may be XML, whatever its name, for a DOCTYPE (XXE and entity
expansion): python-docx finds the main part through the relationships, not by its name.
"""

from __future__ import annotations

import io
from datetime import datetime

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.oxml.parser import parse_xml

from worker.extract.docx_text import blocks_text, has_tracked_changes, iter_blocks
from worker.extract.errors import ExtractionError
from worker.extract.limits import MAX_PAGES, MAX_TEXT_CHARS
from worker.extract.result import Extraction
from worker.extract.xml_safety import refuse_doctype_in_parts
from worker.extract.zip_limits import open_checked_zip

TRACKED_CHANGES = "tracked_changes"
COMMENTS = "comments"
_WHAT = "the Word document"
_ID, _TYPE, _AUTHOR = qn("w:id"), qn("w:type"), qn("w:author")
_READ_PARTS = (RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES, RT.COMMENTS)
# Where Track Changes marks matter; a comment's own history is not the document's.
_TRACKED_IN = (RT.HEADER, RT.FOOTER, RT.FOOTNOTES, RT.ENDNOTES)
_PROPERTIES = ("title", "subject", "author", "last_modified_by", "created", "modified")


def extract_docx(content: bytes) -> Extraction:
    """Pages split at page breaks, with notes, comments, headers and footers in place."""
    archive, _budget = open_checked_zip(content, _WHAT)
    with archive:
        refuse_doctype_in_parts(archive, _WHAT)
    document = _load(content)
    parts = _related_parts(document)
    footnotes = _notes(parts.get(RT.FOOTNOTES, []), "w:footnote")
    endnotes = _notes(parts.get(RT.ENDNOTES, []), "w:endnote")
    comments = _comments(parts.get(RT.COMMENTS, []))

    pages, printed = _body_pages(document.element.body, footnotes, comments)
    pages[0][:0] = ["[Header] " + text for text in _distinct_texts(parts.get(RT.HEADER, []))]
    pages[-1] += [f"[Endnote {key}] {text}" for key, text in endnotes.items()]
    pages[-1] += [_comment_line(comments[key]) for key in comments if key not in printed]
    pages[-1] += ["[Footer] " + text for text in _distinct_texts(parts.get(RT.FOOTER, []))]

    texts = ["\n".join(line for line in page if line.strip()) for page in pages]
    if len(texts) > MAX_PAGES:
        raise ExtractionError(f"too many pages: the Word document has more than {MAX_PAGES}")
    if sum(map(len, texts)) > MAX_TEXT_CHARS:
        raise ExtractionError(f"too large: more than {MAX_TEXT_CHARS:,} characters of text")
    flags = []
    tracked = [document.element, *(e for t in _TRACKED_IN for e in parts.get(t, []))]
    if any(has_tracked_changes(element) for element in tracked):
        flags.append(TRACKED_CHANGES)
    if comments:
        flags.append(COMMENTS)
    return Extraction(pages=tuple(texts), flags=tuple(flags), metadata=_properties(document))


def _load(content: bytes):
    try:
        return docx.Document(io.BytesIO(content))
    except KeyError as error:
        raise ExtractionError(f"damaged: a part of {_WHAT} is missing ({error})") from error
    except MemoryError:
        raise  # not damage: the memory limit, reported as such by run_isolated
    except Exception as error:  # python-docx and lxml raise many kinds for a broken file
        raise ExtractionError(f"damaged: the Word document could not be read ({error})") from error


def _body_pages(body, footnotes: dict[str, str], comments: dict[str, dict]):
    """The body's pages as lists of lines, and the ids of the comments printed on them."""
    pages: list[list[str]] = [[]]
    notes: list[str] = []  # footnotes and comments for the end of the current page
    printed: set[str] = set()
    new_page_next = False
    for block in iter_blocks(body):
        if (block.page_break or new_page_next) and (pages[-1] or notes):
            pages[-1] += notes
            pages.append([])
            notes = []
        new_page_next = block.page_break_after
        if block.text.strip():
            pages[-1].append(block.text)
        notes += [f"[Footnote {key}] {footnotes[key]}" for key in block.footnotes
                  if key in footnotes]
        for key in block.comments:
            if key in comments and key not in printed:
                printed.add(key)
                notes.append(_comment_line(comments[key]))
    pages[-1] += notes
    return pages, printed


def _comment_line(comment: dict) -> str:
    return f"[Comment by {comment['author'] or 'an unknown author'}] {comment['text']}"


def _notes(elements: list, tag: str) -> dict[str, str]:
    """Footnote or endnote texts by id, without Word's separator notes."""
    notes = {}
    for element in elements:
        for note in element.iterchildren(qn(tag)):
            if note.get(_TYPE) in (None, "normal"):
                text = " ".join(blocks_text(note).split())
                if text:
                    notes[note.get(_ID, "")] = text
    return notes


def _comments(elements: list) -> dict[str, dict]:
    found = {}
    for element in elements:
        for comment in element.iterchildren(qn("w:comment")):
            key = comment.get(_ID, "")
            text = " ".join(blocks_text(comment).split())
            found[key] = {"author": comment.get(_AUTHOR, ""), "text": text}
    return found


def _distinct_texts(elements: list) -> list[str]:
    """Distinct header (or footer) texts: sections often repeat the same one."""
    texts: list[str] = []
    for element in elements:
        text = " ".join(blocks_text(element).split())
        if text and text not in texts:
            texts.append(text)
    return texts


def _related_parts(document) -> dict[str, list]:
    """The XML roots of the parts we read, by relationship type, in part-name order."""
    rels = [
        rel for rel in document.part.rels.values()
        if not rel.is_external and rel.reltype in _READ_PARTS
    ]
    parts: dict[str, list] = {}
    for rel in sorted(rels, key=lambda rel: str(rel.target_part.partname)):
        parts.setdefault(rel.reltype, []).append(_element(rel.target_part))
    return parts


def _element(part):
    """A part's XML root; python-docx parses only the parts it knows (not footnotes)."""
    element = getattr(part, "element", None)
    if element is not None:
        return element
    try:
        return parse_xml(part.blob)
    except MemoryError:
        raise  # not damage: the memory limit, reported as such by run_isolated
    except Exception as error:  # lxml's many errors for a broken part
        raise ExtractionError(f"damaged: {part.partname} could not be read ({error})") from error


def _properties(document) -> dict:
    properties = document.core_properties
    found = {}
    for name in _PROPERTIES:
        value = getattr(properties, name, None)
        if isinstance(value, datetime):
            value = value.isoformat()
        if value:
            found[name] = value
    return found
