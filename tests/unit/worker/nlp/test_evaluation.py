"""The classifier on the hand-written evaluation set: long and short files, each to its goal."""

import pytest

from worker.nlp import DOCUMENT_TYPES, load_classifier
from worker.nlp.evaluation import (
    GOAL_MACRO_F1,
    GOAL_TYPED_SHARE,
    EvaluationDocument,
    evaluate,
    load_evaluation_set,
)
from worker.nlp.training import load_training_corpus


@pytest.fixture(scope="module")
def scores():
    return evaluate(load_classifier())


def test_the_evaluation_set_has_every_type_long_and_short():
    documents = load_evaluation_set()
    for group, least in (("long", 4), ("short", 5)):
        counts = {t: sum(d.label == t and d.group == group for d in documents)
                  for t in DOCUMENT_TYPES}
        assert min(counts.values()) >= least, (group, counts)
    assert all(len(d.text.splitlines()) <= 3 for d in documents if d.group == "short")
    assert all(len(d.text.splitlines()) > 3 for d in documents if d.group == "long")


def test_no_evaluation_document_is_in_the_training_corpus():
    training = {text.strip() for text, _ in load_training_corpus()}
    assert not training & {d.text for d in load_evaluation_set()}


@pytest.mark.parametrize("group", ["long", "short"])
def test_the_classifier_meets_its_goal_on_each_group(scores, group):
    score = scores[group]
    assert score.macro_f1 >= GOAL_MACRO_F1, score
    assert score.typed_share >= GOAL_TYPED_SHARE, score
    assert score.meets_goal


def test_a_file_left_unclassified_counts_against_macro_f1():
    class Unsure:
        def classify_many(self, texts):
            return [("unclassified", 0.1) for _ in texts]

    documents = [EvaluationDocument("Invoice 1. Total £4.00", "financial_record", group)
                 for group in ("long", "short")]
    assert {g: (s.macro_f1, s.typed_share) for g, s in evaluate(Unsure(), documents).items()} == {
        "long": (0.0, 0.0), "short": (0.0, 0.0)}


def test_an_unknown_type_in_the_evaluation_set_is_refused(tmp_path):
    path = tmp_path / "evaluation.txt"
    path.write_text("### memo | short\nA memo.\n")
    with pytest.raises(ValueError, match="unknown types or groups in evaluation.txt: memo"):
        load_evaluation_set(path)
