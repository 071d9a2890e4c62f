"""Document types for evidence: the trained classifier, loaded once, and `classify`.

A model trained by `casework classifier train` lives in a directory. Where none has been
trained yet, the classifier learns from the training corpus on first use (a few seconds, once
per process) and, given a directory, saves itself there for the next process: no binary model
in git.
"""

from __future__ import annotations

import functools
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from vocabulary import DocType
from worker.nlp.textcat import FEATURES, LABELS, THRESHOLD, fit, predict
from worker.nlp.training import load_training_corpus, save_model

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

DOCUMENT_TYPES = LABELS
SEED = 0


class DocumentClassifier:
    """A trained text classifier that names a document's type, with its confidence."""

    def __init__(self, nlp: Language, threshold: float = THRESHOLD) -> None:
        self.nlp = nlp
        self.threshold = threshold

    def classify(self, text: str) -> tuple[str, float]:
        """(type, confidence); `unclassified` when the confidence is under the threshold."""
        return self.classify_many([text])[0]

    def classify_many(self, texts: Sequence[str]) -> list[tuple[str, float]]:
        """`classify` for several texts at once, in the same order."""
        results = []
        for text, (label, confidence) in zip(texts, predict(self.nlp, texts), strict=True):
            if not text.strip():
                results.append((DocType.UNCLASSIFIED.value, 0.0))
            elif confidence < self.threshold:
                results.append((DocType.UNCLASSIFIED.value, confidence))
            else:
                results.append((label, confidence))
        return results


_loaded: dict[tuple[str | None, int | None], DocumentClassifier] = {}
_loading = threading.Lock()


def _model_version(model_dir: Path | None) -> int | None:
    """When the model in `model_dir` was written, so that a retrained model is picked up."""
    if model_dir is None:
        return None
    try:
        return (model_dir / "meta.json").stat().st_mtime_ns
    except FileNotFoundError:
        return None


@functools.cache
def _built_in_model() -> Language:
    """The model learned from the training corpus alone: the same for every directory, so one
    process learns it once however many data directories it serves (tests make many)."""
    return fit(load_training_corpus(), SEED)


def _load_or_train(model_dir: Path | None) -> Language:
    if model_dir is not None and (model_dir / "meta.json").exists():
        import spacy

        try:
            nlp = spacy.load(model_dir)
        except (OSError, ValueError):
            # A damaged model must not fail every file: classify with the built-in model
            # until someone retrains (which replaces the directory whole).
            log.exception("the document classifier in %s cannot be loaded", model_dir)
            return _built_in_model()
        if nlp.meta.get("casework_features") == FEATURES:
            return nlp
        # Trained to read text otherwise, perhaps with corrections: kept (overwriting a
        # published model would have the worker install it again every check) but unused
        # until `casework classifier train` trains one that reads as this code does.
        log.warning("the document classifier in %s reads text otherwise: using the built-in "
                    "model until `casework classifier train` is run", model_dir)
        return _built_in_model()
    log.info("no trained document classifier%s: learning from the training corpus",
             f" in {model_dir}" if model_dir else "")
    nlp = _built_in_model()
    if model_dir is not None:
        try:
            save_model(nlp, model_dir)
        except OSError as error:
            # Another process may have saved first, or the directory is read-only: the model
            # in memory serves this process either way.
            log.warning("could not save the document classifier to %s: %s", model_dir, error)
    return nlp


def load_classifier(model_dir: Path | None = None) -> DocumentClassifier:
    """The classifier saved in `model_dir`, else one learned from the training corpus;
    cached."""
    with _loading:
        key = (str(model_dir) if model_dir else None, _model_version(model_dir))
        if key not in _loaded:
            # A retrained model replaces the one before it: keep one per directory.
            for stale in [k for k in _loaded if k[0] == key[0]]:
                del _loaded[stale]
            loaded = DocumentClassifier(_load_or_train(model_dir))
            # Saving just now changed the version: file it under both, so the next call hits.
            _loaded[key] = _loaded[(key[0], _model_version(model_dir))] = loaded
        return _loaded[key]


def classify(text: str, model_dir: Path | None = None) -> tuple[str, float]:
    """The document type of `text` and the confidence; below THRESHOLD, `unclassified`."""
    return load_classifier(model_dir).classify(text)
