"""The annotated sentences are consistent, and the scorer counts as it says."""

import json

import pytest

from benchmarks.entity_scores import (
    DEVELOPMENT,
    HELD_OUT,
    SCORED_LABELS,
    AnnotatedSentence,
    load_sentences,
    score_sentences,
)

SETS = [path for path in (DEVELOPMENT, HELD_OUT) if path.exists()]


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
    if HELD_OUT.exists():
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
