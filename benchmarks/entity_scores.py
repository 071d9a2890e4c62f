"""How well `find_entities` names people and organisations, against annotated sentences.

The sentences are in data/entities/: invented lines in the styles of complaint letters,
complaint responses, emails, clinical notes, discharge summaries, benefits, council and
ombudsman letters and forms, each with the character spans of the PERSON and ORG entities
an investigator would expect (a person without their title, an organisation without a
leading "the"; places, roles, departments and benefits are not marked). `development.jsonl`
was written first and read while the rules were improved; `held_out.jsonl` was written
afterwards and never tuned on, so its figures are the honest ones. `before.json` holds the
figures of the rules before this scoring began (the commit it names), to print beside
today's and to keep recall from falling below them.

A found entity counts as correct only when its label and its exact span in the sentence
match an annotated one: "Northfield Hospital NHS Trust - Discharge" where
"Northfield Hospital NHS Trust" is marked is one false positive and one miss.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ENTITY_SETS = Path(__file__).parent / "data" / "entities"
DEVELOPMENT = ENTITY_SETS / "development.jsonl"
HELD_OUT = ENTITY_SETS / "held_out.jsonl"
BEFORE = ENTITY_SETS / "before.json"
SCORED_LABELS = ("PERSON", "ORG")


@dataclass(frozen=True)
class AnnotatedSentence:
    """A sentence and the (label, start, end) of each entity it names."""

    kind: str
    text: str
    entities: frozenset[tuple[str, int, int]]


@dataclass(frozen=True)
class LabelScore:
    """Counts for one label over a set, and the figures made from them."""

    label: str
    correct: int
    found: int
    expected: int

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def __str__(self) -> str:
        return (f"{self.label:<6} P {self.precision:.3f} R {self.recall:.3f} F1 {self.f1:.3f} "
                f"({self.correct} of {self.found} found, {self.expected} expected)")


def load_before(path: Path = BEFORE) -> tuple[str, dict[str, dict[str, LabelScore]]]:
    """The commit the earlier figures were measured at, and its scores by set and label."""
    recorded = json.loads(path.read_text(encoding="utf-8"))
    return recorded["commit"], {
        name: {label: LabelScore(label, **counts) for label, counts in labels.items()}
        for name, labels in recorded.items() if name.endswith(".jsonl")
    }


def score_rows() -> list[str]:
    """One line per set and label: today's figures, and the earlier ones beside them."""
    commit, before = load_before()
    rows = []
    for path in (DEVELOPMENT, HELD_OUT):
        sentences = load_sentences(path)
        for label, score in score_sentences(sentences).items():
            earlier = before[path.name][label]
            rows.append(f"  {path.name:<18} {score}   before ({commit}): P {earlier.precision:.3f}"
                        f" R {earlier.recall:.3f} F1 {earlier.f1:.3f}")
    return rows


def load_sentences(path: Path) -> list[AnnotatedSentence]:
    """The annotated sentences in a JSON-lines file, in file order."""
    sentences = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            sentences.append(AnnotatedSentence(row["kind"], row["text"], frozenset(
                (entity["label"], entity["start"], entity["end"]) for entity in row["entities"]
            )))
    return sentences


def found_spans(sentences: Sequence[AnnotatedSentence]) -> list[set[tuple[str, int, int]]]:
    """The scored entities `find_entities` finds in each sentence, read as one page each."""
    from worker.nlp import find_entities

    found: list[set[tuple[str, int, int]]] = [set() for _ in sentences]
    for entity in find_entities([sentence.text for sentence in sentences]):
        if entity.label in SCORED_LABELS:
            found[entity.page - 1].add((entity.label, entity.start, entity.end))
    return found


def score_sentences(
    sentences: Sequence[AnnotatedSentence],
    find: Callable[[Sequence[AnnotatedSentence]], list[set[tuple[str, int, int]]]] = found_spans,
) -> dict[str, LabelScore]:
    """Precision, recall and F1 of PERSON and ORG over `sentences`, exact spans matched."""
    found = find(sentences)
    scores = {}
    for label in SCORED_LABELS:
        correct = found_count = expected = 0
        for sentence, spans in zip(sentences, found, strict=True):
            wanted = {span for span in sentence.entities if span[0] == label}
            got = {span for span in spans if span[0] == label}
            correct += len(wanted & got)
            found_count += len(got)
            expected += len(wanted)
        scores[label] = LabelScore(label, correct, found_count, expected)
    return scores


def misses_and_mistakes(
    sentences: Sequence[AnnotatedSentence],
) -> list[tuple[str, str, str, str]]:
    """Each wrong answer as ("missed" or "wrong", label, written text, sentence): what to read
    when a figure drops."""
    wrong = []
    for sentence, spans in zip(sentences, found_spans(sentences), strict=True):
        for kind, differing in (("missed", sentence.entities - spans),
                                ("wrong", spans - sentence.entities)):
            for label, start, end in sorted(differing, key=lambda span: span[1]):
                wrong.append((kind, label, sentence.text[start:end], sentence.text))
    return wrong


def main() -> None:
    """Print each set's figures beside the earlier ones; with --wrong, every miss and mistake."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wrong", action="store_true", help="list every miss and mistake")
    args = parser.parse_args()
    print("\n".join(score_rows()))
    if args.wrong:
        for path in (DEVELOPMENT, HELD_OUT):
            for kind, label, written, text in misses_and_mistakes(load_sentences(path)):
                print(f"  {path.name:<18} {kind:<6} {label:<6} {written!r:<40} in {text!r}")


if __name__ == "__main__":
    main()
