"""Dated events: each sentence of the evidence that names a calendar date, for the chronology.

A sentence naming two dates gives two events, one under each date. Header lines and
scanning or printing stamps are not read for events (event_noise); an email is one event of
its own, at the date it was sent (`message_event`). Folding the same event told by several
files is the case chronology's job (casework.evidence).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from casework.dates import DateMention, find_dates
from worker.nlp.event_noise import without_noise
from worker.nlp.pipelines import split_long_text
from worker.nlp.sentences import sentence_spans, split_blocks

# An event's text is its sentence, cut to about this many characters around the date.
LONGEST_EVENT_TEXT = 300


@dataclass(frozen=True)
class DatedEvent:
    """A sentence on `page` (from 1) that names `date`; `text` is on one line, cut to ~300."""

    date: datetime.date
    text: str
    page: int


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _event_text(sentence: str, mention_start: int, mention_end: int) -> str:
    """The sentence on one line; a long one cut at word breaks to a window around the date."""
    whole = _one_line(sentence)
    if len(whole) <= LONGEST_EVENT_TEXT:
        return whole
    # Where the date lands once the spacing is collapsed: the mention starts with a
    # non-space character, so it follows the collapsed text before it and one space.
    before = sentence[:mention_start]
    at = len(_one_line(before)) + (1 if before.strip() and before[-1].isspace() else 0)
    date_end = at + len(_one_line(sentence[mention_start:mention_end]))
    # Half the room before the date, and whatever the start does not need after it.
    room = max(LONGEST_EVENT_TEXT - (date_end - at), 0)
    start = max(at - room // 2, 0)
    end = min(date_end + room - (at - start), len(whole))
    head, tail = whole[start:at], whole[date_end:end]
    # Cut at word breaks, and say where something was cut.
    if start > 0:
        head = "…" + (head.split(" ", 1)[1] if " " in head else "")
    if end < len(whole):
        tail = (tail.rsplit(" ", 1)[0] if " " in tail else "") + "…"
    return head + whole[at:date_end] + tail


def _events_in_block(block: str, page: int, mentions: list[DateMention],
                     sentences: list[tuple[int, int]]) -> list[DatedEvent]:
    events = []
    for start, end in sentences:
        seen: set[datetime.date] = set()
        for mention in mentions:
            if start <= mention.start < end and mention.date not in seen:
                seen.add(mention.date)
                text = _event_text(block[start:end], mention.start - start,
                                   min(mention.end, end) - start)
                events.append(DatedEvent(mention.date, text, page))
    return events


def find_events(pages: Sequence[str]) -> list[DatedEvent]:
    """Every sentence on `pages` that names a resolvable date, in page and reading order."""
    blocks = []  # (page number, block text, date mentions with offsets into the block)
    for number, page in enumerate(pages, start=1):
        page = without_noise(page)
        mentions = find_dates(page)
        if not mentions:
            continue  # most pages of most files: no sentence splitting needed
        for block_start, block_end in split_blocks(page):
            # A page of unbroken text can be one enormous block: spaCy takes it in pieces.
            for offset, piece in split_long_text(page[block_start:block_end]):
                start = block_start + offset
                inside = [
                    DateMention(m.start - start, m.end - start, m.date)
                    for m in mentions if start <= m.start < start + len(piece)
                ]
                if inside:
                    blocks.append((number, piece, inside))

    events = []
    texts = (text for _, text, _ in blocks)
    for (number, text, mentions), sentences in zip(blocks, sentence_spans(texts), strict=True):
        events.extend(_events_in_block(text, number, mentions, sentences))
    return events


def message_event(metadata: dict) -> DatedEvent | None:
    """An email as one event on its page at the date it was sent: who wrote to whom about
    what. None when its date could not be read (the extractor keeps such a date as written)."""
    try:
        sent = datetime.datetime.fromisoformat(metadata.get("date") or "").date()
    except ValueError:
        return None
    sender, to, subject = (_one_line(metadata.get(key) or "") for key in ("from", "to", "subject"))
    text = "Email" + (f" from {sender}" if sender else "") + (f" to {to}" if to else "")
    if subject:
        text += f": {subject}"
    if len(text) > LONGEST_EVENT_TEXT:
        text = text[:LONGEST_EVENT_TEXT].rsplit(" ", 1)[0] + "…"
    return DatedEvent(sent, text, 1)
