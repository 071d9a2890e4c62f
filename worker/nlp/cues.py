"""What a person sees at a glance, as words the document-type model can count.

A bag of words loses a document's shape: that it opens with a letterhead, greets someone,
carries email headers, has headings, is set out in columns, is signed off. Each of these
becomes a marker word ("cue_salutation", "top_invoice") added to the text the model reads,
so that the model weighs them like any other word, and its weights say how much each counts.
"""

from __future__ import annotations

import re

# How many opening lines count as the letterhead or title, and how many of their words.
TOP_LINES = 3
TOP_WORDS = 12
_WORD = re.compile(r"[a-z][a-z']+")
_EMAIL_HEADER = re.compile(r"^(from|to|cc|sent|date|subject)\s*:", re.IGNORECASE)
_SALUTATION = re.compile(r"^(dear|hi|hello|to whom it may concern|good (morning|afternoon))\b",
                         re.IGNORECASE)
_SIGN_OFF = re.compile(r"^(yours (sincerely|faithfully|truly)|kind regards|best wishes|"
                       r"regards|many thanks|thanks)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^(\d+(\.\d+)*\.?|[a-z]\)|q\d*[.:]|a:)\s", re.IGNORECASE)
_COLUMNS = re.compile(r"\t|\S {3,}\S")
_MONEY = re.compile(r"£\s?\d")
_CLOCK = re.compile(r"\b\d{1,2}[:.]\d{2}\b")
_FIRST_PERSON = re.compile(r"\b(i|my|me|we|our)\b", re.IGNORECASE)
# Clinical shorthand a ward or GP record is written in, whichever words surround it.
_CLINICAL = re.compile(r"\b(obs|bp|hr|rr|spo2|sats|news2?|mg|mcg|ml|od|bd|tds|qds|prn|o/e|"
                       r"imp|hx|pmh|c/o|iv|im|sc|po|abx|gcs|ecg|cxr|nbm|tto|dnacpr|pt|ff|"
                       r"bloods|mobilis\w*|analgesia|ward round)\b", re.IGNORECASE)


def _is_heading(line: str) -> bool:
    """A short line that does not end as a sentence does, in capitals or title case."""
    words = line.split()
    return (0 < len(words) <= 8 and not line.endswith((".", ",", ";"))
            and (line.isupper() or sum(w[0].isupper() for w in words) * 2 >= len(words)))


def cue_words(text: str) -> list[str]:
    """The marker words for `text`: its opening words and the shapes of its lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    top = " ".join(lines[:TOP_LINES]).lower()
    cues = [f"top_{word}" for word in _WORD.findall(top)[:TOP_WORDS]]
    if len(lines) <= 3:
        cues.append("cue_few_lines")
    for line in lines:
        if _EMAIL_HEADER.match(line):
            cues.append("cue_email_header")
        elif _SALUTATION.match(line):
            cues.append("cue_salutation")
        elif _SIGN_OFF.match(line):
            cues.append("cue_sign_off")
        elif _NUMBERED.match(line):
            cues.append("cue_numbered")
        elif _is_heading(line):
            cues.append("cue_heading")
            cues += [f"head_{word}" for word in _WORD.findall(line.lower())]
        if _COLUMNS.search(line):
            cues.append("cue_columns")
    cues += ["cue_money"] * len(_MONEY.findall(text))
    cues += ["cue_clock"] * len(_CLOCK.findall(text))
    cues += ["cue_clinical"] * len(_CLINICAL.findall(text))
    if _FIRST_PERSON.search(text):
        cues.append("cue_first_person")
    return cues
