"""What one pipeline step hands the next, and how a step stops the run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Document:
    evidence_id: int
    media_type: str
    content: bytes
    pages: tuple[str, ...] = ()


class StopPipeline(Exception):
    """Ends the run; the evidence is marked failed with `reason`, shown to the user."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Step(Protocol):
    name: str

    def run(self, document: Document) -> Document:
        """Return the document with this step's results added, or raise StopPipeline."""
