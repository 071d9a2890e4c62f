"""Language steps: document type, entities and dated events."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from casework.evidence import EML, MSG
from vocabulary import DocType
from worker.nlp import classify, find_entities, find_events, message_event
from worker.pipeline.document import Document

# The opening of a document says most about its type; the rest only slows the classifier.
CLASSIFY_CHARACTERS = 20_000


class Classify:
    name = "classify"

    def __init__(self, model_dir: Path | None = None) -> None:
        self.model_dir = model_dir

    def run(self, document: Document) -> Document:
        text = "\n".join(document.pages)[:CLASSIFY_CHARACTERS]
        doc_type, confidence = (classify(text, self.model_dir) if text.strip()
                                else (DocType.UNCLASSIFIED.value, 0.0))
        return replace(document, doc_type=doc_type, doc_type_confidence=confidence)

    def summary(self, document: Document) -> str | None:
        return f"{document.doc_type} ({document.doc_type_confidence:.0%})"


class FindEntities:
    name = "entities"

    def run(self, document: Document) -> Document:
        return replace(document, entities=tuple(find_entities(document.pages)))

    def summary(self, document: Document) -> str | None:
        return f"{len(document.entities)} found"


class FindEvents:
    name = "chronology"

    def run(self, document: Document) -> Document:
        events = find_events(document.pages)
        if document.media_type in (EML, MSG) and document.extraction is not None:
            # The email itself, sent on a day, comes first; its header lines are not events.
            sent = message_event(document.extraction.metadata)
            events = ([sent] if sent is not None else []) + events
        return replace(document, events=tuple(events))

    def summary(self, document: Document) -> str | None:
        return f"{len(document.events)} dated event(s)"
