"""Identifiers found by their shape: NHS numbers, emails, UK phone numbers and postcodes.

The patterns and normal forms are publication's (casework.publication), so that whatever the
pipeline records is recognised again when a decision is published.
"""

from __future__ import annotations

from casework.publication import ENTITY_LABELS, find_written_identifiers
from worker.nlp.spans import Span


def find_identifiers(text: str) -> list[Span]:
    """Every NHS number, email, phone number and postcode in `text`, possibly overlapping."""
    return [Span(ENTITY_LABELS[found.kind], found.start, found.end, found.value)
            for found in find_written_identifiers(text)]
