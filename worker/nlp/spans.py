"""A labelled span found on one page, and how overlapping spans are settled."""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """`label` found at `page_text[start:end]`; `value` is its normalised form, if it has one."""

    label: str
    start: int
    end: int
    value: str | None = None

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


def without_overlaps(spans: Iterable[Span]) -> list[Span]:
    """Keep the longest of any overlapping spans (the first given, on a tie), in text order.

    A longer span read more of what was written: "+44 7700 900123" is one phone number, not
    a phone prefix followed by something else.
    """
    ranked = sorted(enumerate(spans), key=lambda item: (item[1].start - item[1].end, item[0]))
    # Kept spans never overlap one another, so a candidate need only be checked against its
    # neighbours in text order: pages with thousands of amounts stay fast.
    starts: list[int] = []
    kept: list[Span] = []
    for _, span in ranked:
        at = bisect.bisect_left(starts, span.start)
        if at > 0 and kept[at - 1].overlaps(span):
            continue
        if at < len(kept) and kept[at].overlaps(span):
            continue
        starts.insert(at, span.start)
        kept.insert(at, span)
    return kept


def without_those_overlapping(candidates: Iterable[Span], fixed: Iterable[Span]) -> list[Span]:
    """The candidates that overlap none of the `fixed` spans (which must not overlap each other)."""
    fixed_spans = sorted(fixed, key=lambda span: span.start)
    ends = [span.end for span in fixed_spans]
    kept = []
    for span in candidates:
        # The first fixed span ending after this one starts is the only one that can overlap.
        at = bisect.bisect_right(ends, span.start)
        if at == len(fixed_spans) or not fixed_spans[at].overlaps(span):
            kept.append(span)
    return kept
