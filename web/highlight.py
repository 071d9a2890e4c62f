"""Text with parts marked, built safely: everything else is escaped."""

from __future__ import annotations

from collections.abc import Iterable

from markupsafe import Markup, escape

from storage.search import MARK_END, MARK_START


def highlight_spans(text: str, spans: Iterable[tuple[int, int, str]]) -> Markup:
    """`text` with each (start, end, label) span wrapped in a <mark>; overlaps are skipped."""
    out, position = [], 0
    for start, end, label in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue
        out.append(escape(text[position:start]))
        out.append(Markup('<mark class="casework-entity" data-label="{0}" title="{0}">{1}</mark>')
                   .format(label, text[start:end]))
        position = end
    out.append(escape(text[position:]))
    return Markup("").join(out)


def highlight_snippet(snippet: str) -> Markup:
    """A search snippet with its hit markers turned into <mark>."""
    return (escape(snippet)
            .replace(MARK_START, Markup("<mark>"))
            .replace(MARK_END, Markup("</mark>")))
