"""The generated training corpus: every type, many lengths and layouts, the same for a seed."""

import time

from worker.nlp import DOCUMENT_TYPES
from worker.nlp.corpus import DOCUMENTS_PER_TYPE, generate_corpus


def test_every_type_has_its_share_and_the_seed_fixes_the_corpus():
    started = time.perf_counter()
    corpus = generate_corpus()
    assert time.perf_counter() - started < 5
    assert {label: sum(gold == label for _, gold in corpus) for label in DOCUMENT_TYPES} == (
        dict.fromkeys(DOCUMENT_TYPES, DOCUMENTS_PER_TYPE))
    assert generate_corpus() == corpus
    assert generate_corpus(seed=1) != corpus


def test_lengths_run_from_two_lines_to_several_pages():
    lines = [len(text.splitlines()) for text, _ in generate_corpus()]
    assert sum(count <= 3 for count in lines) > len(lines) / 4
    # A page of a PDF's text is about 45 lines.
    assert sum(count > 45 for count in lines) > len(lines) / 20
    assert max(lines) > 135
    assert any("Page 2" in text or "- 2 -" in text for text, _ in generate_corpus())


def test_emails_letters_and_tables_are_among_the_layouts():
    texts = [text for text, _ in generate_corpus()]
    assert any(text.startswith("From: ") and "\nSubject: " in text for text in texts)
    assert any("\nDear " in text for text in texts)
    assert any("\t" in text for text in texts)
