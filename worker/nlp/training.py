"""Training the document-type classifier: its corpus, a held-out score, a saved model.

The training corpus is the seed corpus (data/seed.jsonl, invented documents of every type)
and a larger generated one (worker.nlp.corpus: many layouts and lengths, with noise), so the
service classifies from its first day; investigators' corrections are added when retrained.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from worker.nlp.corpus import generate_corpus
from worker.nlp.textcat import LABELS, THRESHOLD, fit, predict

if TYPE_CHECKING:
    from spacy.language import Language

SEED_CORPUS = Path(__file__).parent / "data" / "seed.jsonl"
# A fifth of each type is held out to score the model; the saved model then learns from all.
HELD_OUT_SHARE = 0.2


@dataclass(frozen=True)
class TrainingReport:
    """How a training run went: the held-out macro-F1 and per-type F1, and the counts."""

    macro_f1: float
    f1_by_type: dict[str, float]
    examples_by_type: dict[str, int]
    trained_on: int
    held_out: int
    # Held-out documents whose confidence fell under THRESHOLD: they would need review.
    held_out_unclassified: int
    seconds: float


def load_seed_corpus(path: Path = SEED_CORPUS) -> list[tuple[str, str]]:
    """The labelled seed documents as (text, type) pairs."""
    examples = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                examples.append((row["text"], row["label"]))
    return examples


def load_training_corpus() -> list[tuple[str, str]]:
    """What the classifier learns from before any correction: the seed and generated corpora."""
    return load_seed_corpus() + generate_corpus()


def split_held_out(
    examples: Sequence[tuple[str, str]], seed: int = 0
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(training, held out): a share of each type held out, so rare types are scored too."""
    by_type: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for example in examples:
        by_type[example[1]].append(example)
    shuffle = random.Random(seed)
    training, held_out = [], []
    for label in sorted(by_type):
        group = by_type[label]
        shuffle.shuffle(group)
        # Every type with two or more examples is scored; one with a single example is only
        # learned.
        count = max(round(len(group) * HELD_OUT_SHARE), 1) if len(group) > 1 else 0
        held_out.extend(group[:count])
        training.extend(group[count:])
    return training, held_out


def f1_scores(gold: Sequence[str], predicted: Sequence[str]) -> dict[str, float]:
    """F1 for each type that occurs in `gold`."""
    scores = {}
    for label in sorted(set(gold)):
        true_positive = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        claimed = sum(p == label for p in predicted)
        actual = sum(g == label for g in gold)
        precision = true_positive / claimed if claimed else 0.0
        recall = true_positive / actual
        total = precision + recall
        scores[label] = 2 * precision * recall / total if total else 0.0
    return scores


def combine(corrections: Iterable[tuple[str, str]], with_seed_corpus: bool = True
            ) -> list[tuple[str, str]]:
    """The training corpus and the corrections; a correction of a corpus text replaces its
    label."""
    combined = dict(load_training_corpus()) if with_seed_corpus else {}
    combined.update(corrections)
    return list(combined.items())


def save_model(nlp: Language, output_dir: Path) -> None:
    """Write the model so that a reader never sees half of it: beside, then renamed into place."""
    replace_directory(output_dir, nlp.to_disk)


def replace_directory(output_dir: Path, fill: Callable[[Path], object]) -> None:
    """Replace `output_dir` with a directory that `fill` writes, in one rename."""
    output_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".classifier-", dir=output_dir.parent))
    old = None
    try:
        fill(staging)
        if output_dir.exists():
            old = output_dir.with_name(f".{output_dir.name}-old-{os.getpid()}")
            output_dir.rename(old)
        staging.rename(output_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)  # only still there if something failed
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def train(
    examples: Iterable[tuple[str, str]],
    output_dir: Path | None,
    seed: int = 0,
    *,
    with_seed_corpus: bool = True,
) -> TrainingReport:
    """Train on the training corpus plus `examples` (text, type), score on a held-out split,
    save.

    The score comes from a model trained without the held-out share; the model saved to
    `output_dir` (unless None) is then trained on everything.
    """
    started = time.perf_counter()
    everything = combine(examples, with_seed_corpus)
    training, held_out = split_held_out(everything, seed)
    scored = fit(training, seed)
    predictions = predict(scored, [text for text, _ in held_out])
    predicted = [label for label, _ in predictions]
    f1_by_type = f1_scores([label for _, label in held_out], predicted)
    if output_dir is not None:
        save_model(fit(everything, seed), output_dir)
    counts = Counter(label for _, label in everything)
    return TrainingReport(
        macro_f1=sum(f1_by_type.values()) / len(f1_by_type) if f1_by_type else 0.0,
        f1_by_type=f1_by_type,
        examples_by_type={label: counts[label] for label in LABELS if counts[label]},
        trained_on=len(training),
        held_out=len(held_out),
        held_out_unclassified=sum(confidence < THRESHOLD for _, confidence in predictions),
        seconds=time.perf_counter() - started,
    )

