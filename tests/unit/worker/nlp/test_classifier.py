"""The document-type classifier: trained from its corpus, scored on a held-out split."""

import json

import pytest

from vocabulary import DocType
from worker.nlp import (
    DOCUMENT_TYPES,
    THRESHOLD,
    DocumentClassifier,
    load_classifier,
    load_seed_corpus,
    train,
)
from worker.nlp.training import split_held_out

UNCLASSIFIED = DocType.UNCLASSIFIED

# The held-out macro-F1 measured on the seed corpus is 0.89 to 0.97 across seeds (0.97 for
# seed 0); below this floor, the corpus or the model has got worse.
MACRO_F1_FLOOR = 0.8

CLEAR_TEXTS = {
    "complaint": (
        "I am writing to complain about the care my mother received on the stroke ward. "
        "Nobody told us she had fallen and her call bell was out of reach. I want the "
        "hospital to apologise and explain what it will do so this never happens again."
    ),
    "complaint_response": (
        "Thank you for your letter raising concerns about your mother's care. We have "
        "investigated your complaint and reviewed the records. We uphold your complaint and "
        "apologise. If you remain dissatisfied, you can ask the Ombudsman to review it."
    ),
    "clinical_record": (
        "14/05/2026 08:30 Ward round. Day 2 post-op. Obs: BP 132/78, HR 84, RR 16, SpO2 97% "
        "on air, temp 37.1. Wound clean and dry. Plan: mobilise with physio, continue "
        "paracetamol 1g QDS, review bloods, aim discharge tomorrow."
    ),
    "financial_record": (
        "Invoice number 3391. Weekly care fee £1,120.00 x 4 weeks = £4,480.00. Chiropody "
        "£30.00. Total due £4,510.00. Payment terms 14 days. Balance brought forward £0.00."
    ),
    "professional_advice": (
        "Clinical advice to the Ombudsman. Adviser: consultant physician. In my opinion the "
        "observations required an urgent medical review, which did not take place. This was "
        "not in line with established good practice and the guidance."
    ),
}


@pytest.fixture(scope="module")
def report():
    return train([], None, seed=0)


@pytest.fixture(scope="module")
def classifier():
    return load_classifier()


def test_the_seed_corpus_covers_every_type():
    examples = load_seed_corpus()
    counts = {label: sum(1 for _, gold in examples if gold == label) for label in DOCUMENT_TYPES}
    assert all(15 <= count <= 30 for count in counts.values()), counts
    assert len({text for text, _ in examples}) == len(examples)


def test_held_out_split_takes_a_fifth_of_each_type():
    training, held_out = split_held_out(load_seed_corpus(), seed=0)
    held_out_counts = {label: sum(1 for _, g in held_out if g == label) for label in DOCUMENT_TYPES}
    assert held_out_counts == dict.fromkeys(DOCUMENT_TYPES, 4)
    assert len(training) + len(held_out) == len(load_seed_corpus())
    assert not {text for text, _ in training} & {text for text, _ in held_out}


def test_training_scores_above_the_floor_on_held_out_documents(report):
    assert report.macro_f1 >= MACRO_F1_FLOOR
    assert set(report.f1_by_type) == set(DOCUMENT_TYPES)
    # 20 seed documents and 160 generated ones of each type.
    assert report.examples_by_type == dict.fromkeys(DOCUMENT_TYPES, 180)
    assert (report.trained_on, report.held_out) == (1296, 324)
    assert report.seconds < 60


def test_training_is_repeatable_given_the_seed(report):
    again = train([], None, seed=0)
    assert (again.macro_f1, again.f1_by_type) == (report.macro_f1, report.f1_by_type)


@pytest.mark.parametrize("doc_type", sorted(CLEAR_TEXTS))
def test_clearly_typed_text_is_classified(classifier, doc_type):
    label, confidence = classifier.classify(CLEAR_TEXTS[doc_type])
    assert (label, confidence >= THRESHOLD) == (doc_type, True)


def test_unsure_or_empty_text_is_unclassified(classifier):
    label, confidence = classifier.classify("banana")
    assert label == UNCLASSIFIED and 0 < confidence < THRESHOLD
    assert classifier.classify("   ") == (UNCLASSIFIED, 0.0)


def test_corrections_are_learned_and_the_model_saved_and_reloaded(tmp_path, classifier):
    text = "Photograph of the ward noticeboard showing the visiting times and a fire exit sign."
    model_dir = tmp_path / "classifier"
    report = train([(text, "other")], model_dir, seed=0)
    assert report.examples_by_type["other"] == 181
    assert json.loads((model_dir / "meta.json").read_text())["lang"] == "en"
    saved = load_classifier(model_dir)
    assert saved is load_classifier(model_dir)
    assert isinstance(saved, DocumentClassifier) and saved is not classifier
    assert saved.classify(CLEAR_TEXTS["complaint"])[0] == "complaint"


def test_a_missing_model_directory_is_filled_from_the_training_corpus(tmp_path):
    model_dir = tmp_path / "not-yet-trained"
    first = load_classifier(model_dir)
    assert (model_dir / "meta.json").exists()
    assert first.classify(CLEAR_TEXTS["financial_record"])[0] == "financial_record"


def test_a_damaged_model_is_reported_and_the_built_in_model_used_instead(tmp_path, caplog):
    model_dir = tmp_path / "damaged"
    model_dir.mkdir()
    (model_dir / "meta.json").write_text("{not json")
    damaged = load_classifier(model_dir)
    assert damaged.classify(CLEAR_TEXTS["clinical_record"])[0] == "clinical_record"
    assert "cannot be loaded" in caplog.text


def test_unknown_types_are_refused():
    with pytest.raises(ValueError, match="unknown document types in training data: memo"):
        train([("A short memo.", "memo")], None)


def test_a_model_that_reads_text_otherwise_is_left_in_place_and_not_used(tmp_path, caplog):
    model_dir = tmp_path / "older"
    load_classifier(model_dir)
    meta = json.loads((model_dir / "meta.json").read_text())
    del meta["casework_features"]  # as a model saved before the cue words
    (model_dir / "meta.json").write_text(json.dumps(meta))
    (model_dir / "published-sha256").write_text("abc")  # as installed from the object store
    older = load_classifier(model_dir)
    assert "reads text otherwise" in caplog.text
    assert older.classify(CLEAR_TEXTS["complaint"])[0] == "complaint"
    # Left as installed, so the worker does not install the published model again.
    assert "casework_features" not in json.loads((model_dir / "meta.json").read_text())
    assert (model_dir / "published-sha256").read_text() == "abc"
