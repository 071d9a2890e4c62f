"""Which themes a complaint point's words suggest, and why: cue matching, explainable.

Each theme lists cues (words, or runs of words) in the themes file. The point's text and its
findings' text are split into words; a theme is suggested when one of its cues occurs, or
two of its weak cues (words common outside it, such as "treatment"), and themes with more
cues found come first (a weak cue counting half). The cues found are kept, so the page can
say what made the suggestion. An investigator confirms; nothing is saved from a suggestion.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from casework.drafting._themes import Theme, Themes
from storage.models import ComplaintPoint

# More than three suggestions reads as "everything": investigators tick what fits.
MOST_SUGGESTED = 3

_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@dataclass(frozen=True)
class Suggestion:
    theme: Theme
    # The words of the text that matched each cue found, in the order first found.
    found: tuple[str, ...]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("’", "'"))


def _matches(pattern: str, word: str) -> bool:
    if pattern == "*":
        return True
    if pattern.endswith("*"):
        return word.startswith(pattern[:-1])
    return word == pattern


def _first_occurrence(cue: list[str], words: list[str]) -> str | None:
    """The words that match `cue` where it first occurs in `words`, or None."""
    for start in range(len(words) - len(cue) + 1):
        if all(_matches(p, w) for p, w in zip(cue, words[start:start + len(cue)], strict=True)):
            return " ".join(words[start:start + len(cue)])
    return None


def suggest_themes_for_text(themes: Themes, texts: Iterable[str],
                            most: int = MOST_SUGGESTED) -> list[Suggestion]:
    """The themes the texts' words suggest, most cues found first (then in the file's order)."""
    words = _words("\n".join(texts))
    scored = []
    for theme in themes:
        strong, weak = ([hit for cue in cues if (hit := _first_occurrence(cue.split(), words))]
                        for cues in (theme.cues, theme.weak_cues))
        score = len(set(strong)) + len(set(weak)) / 2
        if score >= 1:
            scored.append((score, Suggestion(theme, tuple(dict.fromkeys(strong + weak)))))
    # Stable: equal scores keep the file's order.
    scored.sort(key=lambda pair: -pair[0])
    return [suggestion for _, suggestion in scored[:most]]


def point_texts(point: ComplaintPoint) -> list[str]:
    """What a point's themes are read from: its words and each finding's account."""
    texts = [point.text]
    for finding in point.findings:
        texts += [finding.title, finding.what_happened, finding.what_should_have_happened,
                  finding.injustice or ""]
    return texts


def suggest_themes(themes: Themes, point: ComplaintPoint) -> list[Suggestion]:
    """The themes suggested for the point, from its text and its findings'."""
    return suggest_themes_for_text(themes, point_texts(point))
