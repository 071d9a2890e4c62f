"""What one pipeline step hands the next, and how a step stops the run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from worker.extract.result import Extraction
from worker.nlp import DatedEvent, Entity


@dataclass(frozen=True)
class Document:
    evidence_id: int
    media_type: str
    sha256: str
    object_key: str
    content: bytes = b""
    # Tells a CSV file from other plain text when the type is judged again.
    filename: str = ""
    # How many files this one was found inside: limits how deep bundles may nest.
    depth: int = 0
    extraction: Extraction | None = None
    doc_type: str | None = None
    doc_type_confidence: float | None = None
    entities: tuple[Entity, ...] = ()
    events: tuple[DatedEvent, ...] = ()

    @property
    def pages(self) -> tuple[str, ...]:
        return self.extraction.pages if self.extraction is not None else ()


class StopPipeline(Exception):
    """Ends the run; the evidence is marked failed with `reason`, shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Step(Protocol):
    name: str

    def run(self, document: Document) -> Document:
        """Return the document with this step's results added, or raise StopPipeline."""

    def summary(self, document: Document) -> str | None:
        """One line for the progress display about what the step found."""
