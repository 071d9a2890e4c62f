"""The language layer of the evidence pipeline: document types, entities and dated events.

Plain functions over page texts; spaCy does the reading, each pipeline loaded once per process.
"""

from worker.nlp.chronology import (
    DatedEvent,
    find_events,
    message_event,
)
from worker.nlp.classifier import (
    DOCUMENT_TYPES,
    THRESHOLD,
    DocumentClassifier,
    classify,
    load_classifier,
)
from worker.nlp.entities import Entity, find_entities
from worker.nlp.pipelines import load_pipeline
from worker.nlp.training import TrainingReport, load_seed_corpus, train

__all__ = [
    "DOCUMENT_TYPES",
    "THRESHOLD",
    "DatedEvent",
    "DocumentClassifier",
    "Entity",
    "TrainingReport",
    "classify",
    "find_entities",
    "find_events",
    "load_classifier",
    "load_pipeline",
    "load_seed_corpus",
    "message_event",
    "train",
]
