"""Words that name nobody: clinical shorthand, roles and relations, the words of letters,
forms and records. The lists are in words/*.txt, one word a line.

The small English model reads capitalised words as names: "ECG" and "Trust" become
organisations, "Dear Ombudsman" a person. An entity made only of these words, numbers and
joining words ("Complaints Team", "Matron for Medicine", "WCC 14.2") names nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

WORD_LISTS = Path(__file__).parent / "words"
# Punctuation around a word, and a possessive: "(Cons", "Trust's", "Children's".
_AROUND_WORD = re.compile(r"^[(\[\"'‘“]+|(?:['’]s?|[)\]\"'’”,.;:!?])+$")
# Words are split at spaces and at the slash of "Sir/Madam".
_BETWEEN_WORDS = re.compile(r"[\s/]+")


def _read_words(name: str) -> frozenset[str]:
    lines = (WORD_LISTS / name).read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.startswith("#"))


CLINICAL_ABBREVIATIONS = _read_words("clinical_abbreviations.txt")
STAFF_ABBREVIATIONS = _read_words("staff_abbreviations.txt")
ROLE_WORDS = _read_words("roles.txt")
DOCUMENT_WORDS = _read_words("document_words.txt")
JOINING_WORDS = _read_words("joining_words.txt")
_COMMON_WORDS = (CLINICAL_ABBREVIATIONS | STAFF_ABBREVIATIONS | ROLE_WORDS | DOCUMENT_WORDS
                 | JOINING_WORDS)


def is_common_word(word: str) -> bool:
    """True for a word of the lists, a number or a word with a digit ("NEWS2"), or a mark."""
    bare = _AROUND_WORD.sub("", word).casefold()
    return not any(char.isalpha() for char in bare) or any(char.isdigit() for char in bare) \
        or bare in _COMMON_WORDS


def is_staff_abbreviation(word: str) -> bool:
    """True for shorthand like SN or HCA, which notes write before a member of staff's name."""
    return _AROUND_WORD.sub("", word).casefold() in STAFF_ABBREVIATIONS


def names_nothing(written: str) -> bool:
    """True when every word of `written` is a common word: it is no one's name."""
    return all(is_common_word(word) for word in _BETWEEN_WORDS.split(written) if word)
