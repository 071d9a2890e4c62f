"""Sums of money found by their shape, with honest offsets, and how overlapping spans are
settled."""

from worker.nlp.money import find_money
from worker.nlp.spans import Span, without_overlaps


def found(finder, text):
    """(written text, value) for every hit, checking each span points at what it reports."""
    return [(text[span.start:span.end], span.value) for span in finder(text)]


def test_money_in_pounds_valued_in_pence():
    text = ("Fees of £1,250.00 and £50, a refund of 1,250 pounds, GBP 300, £1.5 million, "
            "£20k and 75 pence; not 1,250 on its own or $40.")
    assert sorted(found(find_money, text), key=lambda hit: text.index(hit[0])) == [
        ("£1,250.00", "125000"),
        ("£50", "5000"),
        ("1,250 pounds", "125000"),
        ("GBP 300", "30000"),
        ("£1.5 million", "150000000"),
        ("£20k", "2000000"),
        ("75 pence", "75"),
    ]


def test_the_longest_of_overlapping_spans_is_kept():
    spans = [Span("A", 0, 4), Span("B", 2, 10), Span("C", 10, 12), Span("D", 11, 12)]
    assert without_overlaps(spans) == [Span("B", 2, 10), Span("C", 10, 12)]
