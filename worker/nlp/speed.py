"""How fast the language steps read, against spaCy's entity recogniser alone on the same text.

The issue's goal: our steps (classify, entities, chronology) within 1.25 times the time of
spaCy's NER alone. Run `python -m worker.nlp.speed` for the figures on the seed corpus;
benchmarks/ingest.py calls `measure_speed` on its own corpus.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from worker.nlp.chronology import find_events
from worker.nlp.classifier import load_classifier
from worker.nlp.entities import find_entities
from worker.nlp.pipelines import MODEL_PACKAGE, load_pipeline
from worker.nlp.training import load_seed_corpus

BATCH_SIZE = 64


@dataclass(frozen=True)
class SpeedReport:
    words: int
    ner_words_per_second: float
    ours_words_per_second: float
    # The whole shipped pipeline (tagger, parser, lemmatizer and all), for scale.
    full_model_words_per_second: float

    @property
    def ratio(self) -> float:
        """Our time over NER's time: the goal is 1.25 or less."""
        return self.ner_words_per_second / self.ours_words_per_second


def _best_seconds(runs: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """The fastest of several runs of each, taken in turns so that a busy moment on the
    machine slows them alike; the slower runs measured the machine, not the code."""
    best = dict.fromkeys(runs, float("inf"))
    for _ in range(repeats):
        for name, run in runs.items():
            started = time.perf_counter()
            run()
            best[name] = min(best[name], time.perf_counter() - started)
    return best


def run_language_steps(pages: Sequence[str]) -> None:
    """What the pipeline's language steps do with one file's pages."""
    load_classifier().classify("\n".join(pages))
    find_entities(pages)
    find_events(pages)


def measure_speed(pages: Sequence[str], repeats: int = 5) -> SpeedReport:
    """Words per second through NER alone, through our steps, and through the full model."""
    import importlib

    ner = load_pipeline()
    if ner is None:
        raise RuntimeError(f"the spaCy model package {MODEL_PACKAGE} is not installed")
    full = importlib.import_module(MODEL_PACKAGE).load()
    run_language_steps(pages)  # warm up: the classifier learns, the pipelines load
    words = sum(len(page.split()) for page in pages)
    seconds = _best_seconds({
        "ner": lambda: list(ner.pipe(pages, batch_size=BATCH_SIZE)),
        "ours": lambda: run_language_steps(pages),
        "full": lambda: list(full.pipe(pages, batch_size=BATCH_SIZE)),
    }, repeats)
    return SpeedReport(
        words, words / seconds["ner"], words / seconds["ours"], words / seconds["full"]
    )


def seed_corpus_pages(documents_per_page: int = 5) -> list[str]:
    """The seed corpus laid out as pages of a few documents each: realistic casework text."""
    texts = [text for text, _ in load_seed_corpus()]
    return [
        "\n\n".join(texts[at:at + documents_per_page])
        for at in range(0, len(texts), documents_per_page)
    ]


def main() -> None:
    report = measure_speed(seed_corpus_pages())
    print(f"{report.words} words of the seed corpus, best of 5 runs")
    print(f"spaCy NER alone        {report.ner_words_per_second:10,.0f} words/s")
    print(f"our language steps     {report.ours_words_per_second:10,.0f} words/s")
    print(f"full spaCy model       {report.full_model_words_per_second:10,.0f} words/s")
    print(f"our time / NER time    {report.ratio:10.2f} (goal: 1.25 or less)")


if __name__ == "__main__":
    main()
