"""Cue words: the layout a person sees, as words the classifier counts."""

from worker.nlp.cues import cue_words
from worker.nlp.textcat import prepare_text


def test_an_email_shows_its_headers_greeting_and_sign_off():
    cues = cue_words("From: a@example.org\nTo: b@example.org\nSubject: Notes\n\nHi Jo,\n"
                     "The notes are attached.\nKind regards\nSam")
    assert cues.count("cue_email_header") == 3
    assert {"cue_salutation", "cue_sign_off", "top_from", "top_subject"} <= set(cues)


def test_a_letterhead_headings_money_and_clinical_shorthand_are_seen():
    cues = cue_words("NORTHTOWN COUNCIL\nInvoice\n\n1. Charges\nCare fee £40.00\n"
                     "Obs: BP 120/80, SpO2 97%. Plan: IV abx.")
    assert {"top_northtown", "top_council", "top_invoice", "cue_heading", "head_invoice",
            "cue_numbered", "cue_money"} <= set(cues)
    assert cues.count("cue_clinical") == 5  # obs, bp, spo2, iv, abx


def test_a_short_file_is_marked_as_few_lines():
    assert "cue_few_lines" in cue_words("Receipt 4471\nTaxi £12.00")
    assert "cue_few_lines" not in cue_words("a\nb\nc\nd")


def test_the_model_reads_the_cue_words_before_the_text():
    assert prepare_text("Dear Sam,\nPaid £12 on 3/4") == (
        "top_dear top_sam top_paid top_on cue_few_lines cue_salutation cue_money\n"
        "dear sam,\npaid £00 on 0/0")
