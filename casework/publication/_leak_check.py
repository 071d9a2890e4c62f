"""The last gate before publication: scan the finished document for anything that identifies.

It reads the output, not the inputs, so it also catches what anonymisation never saw: text in
the template, a name typed in a form the map did not know, an NHS number the case never
recorded. Names are looked for part by part (first names and surnames, whole words, any
case); a part that is also an everyday word ("Ward", "Page", "May") or has one or two letters
is looked for only after a title or beside another part of the same name, or "Ward 7" would
block every decision about a ward.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from casework.errors import DomainError
from casework.names import (
    TITLE_PATTERN,
    WORD_AFTER,
    WORD_BEFORE,
    find_titled_names,
    is_common_word_name,
)
from casework.publication._anonymise import AnonymisationMap
from casework.publication._identifiers import NHS_SHAPE, is_valid_nhs_number, written_forms
from vocabulary import IdentifierKind

NAME = "name"
# Characters shown either side of a leak: enough for the investigator to find it.
CONTEXT = 30
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@dataclass(frozen=True)
class Leak:
    """One identifier found in text meant for publication."""

    kind: str
    text: str
    context: str


class LeakFound(DomainError):
    """Publication is blocked: the anonymised document still identifies someone."""

    code = "leak_found"

    def __init__(self, leaks: list[Leak]) -> None:
        listed = "; ".join(f"{leak.kind} “{leak.text}” in “…{leak.context}…”" for leak in leaks)
        super().__init__(f"The document still identifies people: {listed}")
        self.leaks = leaks


def _name_patterns(mapping: AnonymisationMap) -> list[re.Pattern[str]]:
    sources: dict[str, None] = {}
    for person in mapping.people:
        others = [p for p in person.name_parts if not is_common_word_name(p)]
        for part in others:
            sources.setdefault(rf"{WORD_BEFORE}{re.escape(part)}{WORD_AFTER}", None)
        for part in person.name_parts:
            if is_common_word_name(part):
                # The title must be capitalised, or "a nurse will" would read as "Nurse Will".
                sources.setdefault(rf"(?-i:{TITLE_PATTERN})\s+{re.escape(part)}{WORD_AFTER}",
                                   None)
        for form in (person.original, *person.aliases):
            if len(form.split()) > 1:
                words = r"[\s\u00a0]+".join(re.escape(w.rstrip(".")) + r"\.?"
                                            for w in form.split())
                sources.setdefault(rf"{WORD_BEFORE}{words}{WORD_AFTER}", None)
    return [re.compile(source, re.IGNORECASE) for source in sources]


def _context(text: str, start: int, end: int) -> str:
    return " ".join(text[max(0, start - CONTEXT):end + CONTEXT].split())


def find_leaks(text: str, mapping: AnonymisationMap) -> list[Leak]:
    """Every known identifier of the case in `text`, and any valid NHS number, in order."""
    spans: list[tuple[int, int, str]] = []
    for pattern in _name_patterns(mapping):
        spans += [(m.start(), m.end(), NAME) for m in pattern.finditer(text)]
    for identifier in mapping.identifiers:
        spans += [(m.start(), m.end(), identifier.kind.value)
                  for m in written_forms(identifier).finditer(text)]
    # An NHS number the case never recorded is still an NHS number.
    spans += [(m.start(), m.end(), IdentifierKind.NHS_NUMBER.value)
              for m in NHS_SHAPE.finditer(text) if is_valid_nhs_number("".join(m.groups()))]
    leaks: list[Leak] = []
    covered_to = -1
    # Longest first at each start, and nothing inside a span already reported.
    for start, end, kind in sorted(spans, key=lambda s: (s[0], -s[1])):
        if end <= covered_to:
            continue
        covered_to = max(covered_to, end)
        leaks.append(Leak(kind, text[start:end], _context(text, start, end)))
    return leaks


def check_publishable(text: str, mapping: AnonymisationMap) -> None:
    """Raise LeakFound, listing every leak, unless `text` is safe to publish."""
    leaks = find_leaks(text, mapping)
    if leaks:
        raise LeakFound(leaks)


def titled_people(text: str) -> list[Leak]:
    """People named after a title who are not a published label ("Mrs B", "Dr C"): in text
    a person wrote for the public, a name the case's files never held is a leak too."""
    return [Leak(NAME, f"{found.title} {found.name}", _context(text, found.start, found.end))
            for found in find_titled_names(text)
            if not all(len(word.rstrip(".")) == 1 for word in found.name.split())]


def docx_text(document: bytes) -> str:
    """All the words a .docx carries: body, tables, headers, footers, notes, comments,
    tracked deletions and the document properties, one paragraph a line."""
    lines: list[str] = []
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        for name in sorted(archive.namelist()):
            if not name.endswith(".xml") or not name.startswith(("word/", "docProps/")):
                continue
            root = ElementTree.fromstring(archive.read(name))
            if name.startswith("docProps/"):
                lines += [element.text for element in root.iter() if element.text]
                continue
            for paragraph in root.iter(f"{_W}p"):
                lines.append("".join(
                    node.text or "" for node in paragraph.iter()
                    if node.tag in (f"{_W}t", f"{_W}delText")
                ))
    return "\n".join(line for line in lines if line.strip())
