"""The document-type model: a spaCy bag-of-words text classifier, and how it is fitted.

A bag of words suits the job: document types differ in their vocabulary ("I want an
apology", "in my opinion", "invoice", "BP 148/82") and in their layout, which the cue words
bring in as words too; it learns from a couple of thousand examples in a few seconds, and it
runs at tokenizer speed.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from vocabulary import DocType
from worker.nlp.cues import cue_words

# spaCy takes a second to import; the web server imports this package for its types only,
# so spaCy is imported by the functions that use it.
if TYPE_CHECKING:
    from spacy.language import Language

LABELS = tuple(t.value for t in DocType.classifiable())
# The opening of a document says most about its type; the rest only slows the classifier.
MAX_CHARACTERS = 20_000
# Measured on the seed corpus over several seeds: word pairs, longer training or a larger
# hash table scored no better (held-out macro-F1 about 0.92 either way) and trained up to
# five times slower. With the generated corpus (nine times the documents), eight epochs in
# batches of 32 at this rate score as well on the evaluation set as twelve in batches of 16,
# in a third of the updates; each update costs about the same whatever the batch.
NGRAM_SIZE = 1
HASHED_FEATURES = 2**15
EPOCHS = 8
BATCH_SIZE = 32
LEARN_RATE = 0.005
# What a saved model was trained to read (prepare_text): a model saved by code that read
# otherwise is trained again rather than fed text it does not expect.
FEATURES = "cue-words-1"
# Below this probability the type is `unclassified` and the evidence needs review: with nine
# types, a top score under one half means the model is torn between two or more.
THRESHOLD = 0.5

_DIGIT = re.compile(r"\d")


def prepare_text(text: str) -> str:
    """What the model reads: the cue words, then the text in lower case with digits as 0.

    Lower case because the classifier counts exact words; digits matter for their shape
    ("00/00/0000", "£0,000.00"), not their values, which would otherwise each be a word the
    model has never seen. The cue words (worker.nlp.cues) carry the layout a person sees.
    """
    text = text[:MAX_CHARACTERS]
    return " ".join(cue_words(text)) + "\n" + _DIGIT.sub("0", text.lower())


def new_classifier() -> Language:
    """A blank English pipeline with an untrained exclusive-class text classifier."""
    import spacy

    nlp = spacy.blank("en")
    textcat = nlp.add_pipe("textcat", config={
        "model": {
            "@architectures": "spacy.TextCatBOW.v3",
            "exclusive_classes": True,
            "ngram_size": NGRAM_SIZE,
            "no_output_layer": False,
            "length": HASHED_FEATURES,
        },
    })
    for label in LABELS:
        textcat.add_label(label)
    nlp.meta["casework_features"] = FEATURES
    return nlp


def fit(examples: Sequence[tuple[str, str]], seed: int = 0) -> Language:
    """A classifier trained on (text, label) pairs; the same pairs and seed give the same model."""
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch
    from thinc.api import Adam

    unknown = sorted({label for _, label in examples} - set(LABELS))
    if unknown:
        raise ValueError(f"unknown document types in training data: {', '.join(unknown)}")
    fix_random_seed(seed)
    shuffle = random.Random(seed)
    nlp = new_classifier()
    training = []
    for text, gold in examples:
        # One doc serves as both the model's input and the answer: the classifier needs no
        # alignment between the two, and building a second doc per example (as
        # Example.from_dict does) took most of the training time on a large corpus.
        doc = nlp.make_doc(prepare_text(text))
        doc.cats = {label: float(label == gold) for label in LABELS}
        training.append(Example(doc, doc))
    nlp.initialize(lambda: training)
    textcat = nlp.get_pipe("textcat")
    # No parameter averages: spaCy predicts with them only inside `use_params`, which
    # nothing here calls, and keeping them took a fifth of the training time.
    optimizer = Adam(LEARN_RATE, use_averages=False)
    for _ in range(EPOCHS):
        shuffle.shuffle(training)
        for batch in minibatch(training, size=BATCH_SIZE):
            # The classifier directly, not nlp.update, which copies every example first.
            textcat.update(batch, sgd=optimizer)
    return nlp


def predict(nlp: Language, texts: Sequence[str]) -> list[tuple[str, float]]:
    """The most likely type of each text and the model's probability for it."""
    predictions = []
    for doc in nlp.pipe(prepare_text(text) for text in texts):
        label = max(doc.cats, key=doc.cats.__getitem__)
        predictions.append((label, float(doc.cats[label])))
    return predictions
