"""A cited passage is marked where the page's text layer puts its words: a box a line."""

from __future__ import annotations

from casework.evidence import Mark
from casework.evidence._passage_marks import passage_marks

# Two lines of a letter, in thousandths of the page: "Nobody called me / back for weeks."
LAYOUT = {
    "words": ["Nobody", "called", "me", "back", "for", "three", "weeks."],
    "boxes": [[100, 100, 180, 120], [190, 101, 260, 120], [270, 100, 300, 120],
              [100, 130, 160, 150], [170, 131, 200, 150], [210, 130, 270, 150],
              [280, 130, 350, 150]],
}


def test_a_quote_across_two_lines_is_a_box_on_each():
    assert passage_marks(LAYOUT, "called me back for") == [
        Mark(left=190, top=100, width=110, height=20),
        Mark(left=100, top=130, width=100, height=20),
    ]


def test_spacing_case_and_punctuation_do_not_matter_and_part_words_mark_the_word():
    # The page text was tidied after pdfium read it: lines joined, hyphens dropped.
    assert passage_marks(LAYOUT, "THREE\n weeks") == [Mark(210, 130, 140, 20)]
    assert passage_marks(LAYOUT, "ody call") == [Mark(100, 100, 160, 20)]


def test_a_quote_the_page_does_not_hold_marks_nothing():
    assert passage_marks(LAYOUT, "an apology") == []
    assert passage_marks(LAYOUT, " ... ") == []
    assert passage_marks({"words": [], "boxes": []}, "Nobody") == []
