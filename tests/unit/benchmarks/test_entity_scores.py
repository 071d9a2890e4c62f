"""The annotated sentences are consistent, the scorer counts as it says, and the entities
step keeps its precision and recall on them."""

import json

import pytest

from benchmarks.entity_scores import (
    DEVELOPMENT,
    HELD_OUT,
    SCORED_LABELS,
    AnnotatedSentence,
    load_before,
    load_sentences,
    score_sentences,
)

SETS = [DEVELOPMENT, HELD_OUT]
# The goal, 0.9, on the sentences the rules were improved on; on those written afterwards,
# what the rules reach today: organisations are short of the goal there (see README.md).
PRECISION_FLOORS = {
    DEVELOPMENT.name: {"PERSON": 0.9, "ORG": 0.9},
    HELD_OUT.name: {"PERSON": 0.9, "ORG": 0.7},
}


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
def test_every_annotated_span_is_the_text_it_names_and_none_overlap(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        spans = sorted(row["entities"], key=lambda entity: entity["start"])
        for entity in spans:
            assert entity["label"] in SCORED_LABELS
            assert row["text"][entity["start"]:entity["end"]] == entity["text"], row
            assert entity["text"] == entity["text"].strip(" \n.,;:'’"), row
        for before, after in zip(spans, spans[1:], strict=False):
            assert before["end"] <= after["start"], row


def test_the_sets_share_no_sentence():
    development = {sentence.text for sentence in load_sentences(DEVELOPMENT)}
    assert not development & {sentence.text for sentence in load_sentences(HELD_OUT)}


def test_only_the_exact_span_with_the_right_label_counts():
    sentences = [
        AnnotatedSentence("letter", "Dr Sarah Jones of Northfield NHS Trust - Discharge",
                          frozenset({("PERSON", 3, 14), ("ORG", 18, 38)})),
        AnnotatedSentence("note", "ECG normal.", frozenset()),
    ]
    found = [{("PERSON", 3, 14), ("ORG", 18, 50)}, {("ORG", 0, 3)}]
    scores = score_sentences(sentences, lambda _: found)
    person, org = scores["PERSON"], scores["ORG"]
    assert (person.correct, person.found, person.expected) == (1, 1, 1)
    assert (org.correct, org.found, org.expected) == (0, 2, 1)
    assert (org.precision, org.recall, org.f1) == (0.0, 0.0, 0.0)
    assert person.f1 == 1.0


@pytest.fixture(scope="module")
def scores():
    return {path.name: score_sentences(load_sentences(path)) for path in SETS}


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
@pytest.mark.parametrize("label", SCORED_LABELS)
def test_precision_stays_at_its_floor(scores, path, label):
    assert scores[path.name][label].precision >= PRECISION_FLOORS[path.name][label]


@pytest.mark.parametrize("path", SETS, ids=lambda path: path.name)
@pytest.mark.parametrize("label", SCORED_LABELS)
def test_recall_is_no_lower_than_before_the_rules_changed(scores, path, label):
    _, before = load_before()
    assert scores[path.name][label].recall >= before[path.name][label].recall
