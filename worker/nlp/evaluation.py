"""Scoring the document classifier on documents written apart from its training corpus.

The evaluation set (data/evaluation.txt) was written by hand, in other words and layouts
than the training corpus, so a score on it says how the classifier does on documents it was
not built around. Long and short files are scored apart: a two-line attachment gives the
model far less to go on than a letter.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from vocabulary import DocType
from worker.nlp.training import f1_scores

if TYPE_CHECKING:
    from worker.nlp.classifier import DocumentClassifier

EVALUATION_SET = Path(__file__).parent / "data" / "evaluation.txt"
GROUPS = ("long", "short")
# What the classifier should reach on each group: the goal of the issue that added this set.
GOAL_MACRO_F1 = 0.85
GOAL_TYPED_SHARE = 0.8
_HEADER = "### "


@dataclass(frozen=True)
class EvaluationDocument:
    """One hand-written document with its type and whether it is long or short."""

    text: str
    label: str
    group: str


@dataclass(frozen=True)
class GroupScore:
    """How the classifier did on one group of the evaluation set."""

    group: str
    documents: int
    # Over the type as the service records it: a file left unclassified counts as wrong.
    macro_f1: float
    # Files typed at or above the threshold, so not left for an investigator to type.
    typed_share: float

    @property
    def meets_goal(self) -> bool:
        """Whether both figures reach their goals."""
        return self.macro_f1 >= GOAL_MACRO_F1 and self.typed_share >= GOAL_TYPED_SHARE


def load_evaluation_set(path: Path = EVALUATION_SET) -> list[EvaluationDocument]:
    """The documents of the evaluation set, in file order."""
    documents: list[EvaluationDocument] = []
    header, lines = None, []

    def close() -> None:
        if header is not None:
            label, group = (part.strip() for part in header.split("|"))
            documents.append(EvaluationDocument("\n".join(lines).strip(), label, group))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(_HEADER):
            close()
            header, lines = line[len(_HEADER):], []
        elif header is not None:
            lines.append(line)
    close()
    unknown = {d.label for d in documents} - {t.value for t in DocType.classifiable()}
    unknown |= {d.group for d in documents} - set(GROUPS)
    if unknown:
        raise ValueError(f"unknown types or groups in {path.name}: {', '.join(sorted(unknown))}")
    return documents


def evaluate(classifier: DocumentClassifier,
             documents: list[EvaluationDocument] | None = None) -> dict[str, GroupScore]:
    """Macro-F1 and the share typed, for the long and the short documents apart."""
    documents = load_evaluation_set() if documents is None else documents
    scores = {}
    for group in GROUPS:
        chosen = [d for d in documents if d.group == group]
        results = classifier.classify_many([d.text for d in chosen])
        predicted = [label for label, _ in results]
        f1_by_type = f1_scores([d.label for d in chosen], predicted)
        scores[group] = GroupScore(
            group=group,
            documents=len(chosen),
            macro_f1=sum(f1_by_type.values()) / len(f1_by_type),
            typed_share=sum(p != DocType.UNCLASSIFIED.value for p in predicted) / len(chosen),
        )
    return scores
