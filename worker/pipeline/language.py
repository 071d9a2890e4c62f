"""Language steps: document type, entities and dated events."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from vocabulary import DocType
from worker.nlp import classify, find_entities, find_events
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
        return replace(document, events=tuple(find_events(document.pages)))

    def summary(self, document: Document) -> str | None:
        return f"{len(document.events)} dated event(s)"
