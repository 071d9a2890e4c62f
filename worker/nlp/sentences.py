"""Sentences of page text, as character spans, for the chronology.

Extracted pages are not tidy prose: tables arrive as tab-separated rows, clinical notes as
one entry per line with no full stop, headings with none either, paragraphs separated by
blank lines. A sentence never crosses a blank line, a table row, a heading, a bullet or the
start of a dated entry; within those blocks spaCy's rule-based sentencizer splits at
sentence-ending punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from worker.nlp.pipelines import load_sentence_splitter

BATCH_SIZE = 256
# A short first line with no closing punctuation, followed by a capitalised line, is a heading.
HEADING_LENGTH = 60

_BULLET = re.compile(r"[ \t]*(?:[•▪◦*–-]|\(?(?:\d{1,3}|[a-z])[.)])[ \t]+", re.IGNORECASE)
# A line that opens with a date followed by a time or a separator is an entry in a log
# ("03/03/2026 09:40 Seen in clinic"), as is a line opening with a numeric or ISO date.
_DATED_ENTRY = re.compile(
    r"[ \t]*(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?\s+\d{4}(?=\s*(?:\d{1,2}[:.]\d{2}|[-–:|]|\t)))",
)


def _is_heading(line: str, following: str) -> bool:
    stripped = line.strip()
    return (
        len(stripped) < HEADING_LENGTH
        and not stripped.endswith((".", ",", ";", ":", "?", "!", "-", "–"))
        and following.lstrip()[:1].isupper()
    )


def _starts_block(line: str, previous: str | None, previous_opened_block: bool) -> bool:
    if previous is None or not previous.strip() or not line.strip():
        return True
    if "\t" in line or "\t" in previous:
        return True
    if previous_opened_block and _is_heading(previous, line):
        return True
    return bool(_BULLET.match(line) or _DATED_ENTRY.match(line))


def split_blocks(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) spans of the blocks of `text` that no sentence crosses; blank lines dropped."""
    start = None
    previous = None
    previous_opened_block = False
    position = 0
    for line in text.splitlines(keepends=True):
        opens_block = _starts_block(line, previous, previous_opened_block)
        if opens_block:
            if start is not None:
                yield start, position
            start = position if line.strip() else None
        previous = line
        previous_opened_block = opens_block
        position += len(line)
    if start is not None:
        yield start, position


def sentence_spans(texts: Iterable[str]) -> Iterator[list[tuple[int, int]]]:
    """For each text, the (start, end) spans of its sentences, blank space trimmed away."""
    splitter = load_sentence_splitter()
    for doc in splitter.pipe(texts, batch_size=BATCH_SIZE):
        spans = []
        for sentence in doc.sents:
            written = sentence.text
            stripped = written.strip()
            if stripped:
                start = sentence.start_char + (len(written) - len(written.lstrip()))
                spans.append((start, start + len(stripped)))
        yield spans
