"""Sums of money in pounds, found in text and valued in pence (the service's unit for money)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from vocabulary import EntityLabel
from worker.nlp.spans import Span

_AMOUNT = r"(?P<amount>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<fraction>\d+))?"
# "£1.5 million", "£3m", "£2bn", "£20k": a written-out scale multiplies the amount.
_SCALE = r"(?:\s?(?P<word>million|billion|thousand)|(?P<letter>m|bn|k))\b"
_SCALES = {
    "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
    "billion": 1_000_000_000, "bn": 1_000_000_000,
}

_PATTERNS = (
    # £1,250.00, £ 50, GBP 300, £1.5 million
    re.compile(rf"(?:£|\bGBP)\s?{_AMOUNT}(?:{_SCALE})?(?![\d,]*\d)"),
    # 1,250 pounds, 300 GBP, 12.50 sterling
    re.compile(rf"(?<![\d.,£]){_AMOUNT}\s?(?:pounds?(?:\s+sterling)?|GBP|sterling)\b",
               re.IGNORECASE),
    # 75 pence
    re.compile(r"(?<![\d.,£])(?P<pence>\d+)\s?pence\b", re.IGNORECASE),
)


def _pence(match: re.Match[str]) -> int | None:
    groups = match.groupdict()
    if groups.get("pence"):
        return int(groups["pence"])
    try:
        pounds = Decimal(groups["amount"].replace(",", "") + "." + (groups["fraction"] or "0"))
    except InvalidOperation:
        return None
    scale = groups.get("word") or groups.get("letter")
    if scale:
        pounds *= _SCALES[scale.lower()]
    return int((pounds * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def find_money(text: str) -> Iterator[Span]:
    """Every sum in pounds (or pence); the value is the amount in whole pence, as digits."""
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            pence = _pence(match)
            if pence is not None:
                yield Span(EntityLabel.MONEY, match.start(), match.end(), str(pence))


def pence_in(text: str) -> str | None:
    """The value of `text` in pence when the whole of it is one sum in pounds, else None."""
    stripped = text.strip()
    spans = list(find_money(stripped))
    if len(spans) == 1 and spans[0].end - spans[0].start == len(stripped):
        return spans[0].value
    return None
