"""Where a quoted passage sits on a page's image, from the positions of the page's words.

A quote is a piece of the page's text, which was tidied (hyphens at line ends dropped, lines
joined, tables rebuilt) after pdfium read it; the words of the layout are pdfium's own. So
both are compared by their letters and digits alone, which tidying never changes.
"""

from __future__ import annotations

from dataclasses import dataclass

# Two boxes are on one line when they overlap by this much of the lower one's height.
_SAME_LINE = 0.5


@dataclass(frozen=True)
class Mark:
    """A rectangle over the page image, in thousandths of its width and height from its top
    left corner (an SVG drawn over the image with a viewBox of 1000 by 1000 places it)."""

    left: int
    top: int
    width: int
    height: int


def passage_marks(layout: dict, quote: str) -> list[Mark]:
    """The rectangles covering the first place the page's words spell `quote`, a line each."""
    letters: list[str] = []
    owners: list[int] = []  # the word each letter belongs to
    for index, word in enumerate(layout["words"]):
        for letter in _letters(word):
            letters.append(letter)
            owners.append(index)
    wanted = "".join(_letters(quote))
    at = "".join(letters).find(wanted) if wanted else -1
    if at < 0:
        return []
    first, last = owners[at], owners[at + len(wanted) - 1]
    return [_as_mark(box) for box in _lines(layout["boxes"][first:last + 1])]


def _letters(text: str) -> list[str]:
    return [letter for letter in text.casefold() if letter.isalnum()]


def _lines(boxes: list[list[int]]) -> list[list[int]]:
    """Boxes of words one after another on a line joined into one box."""
    lines: list[list[int]] = []
    for left, top, right, bottom in boxes:
        if lines and _on_one_line(lines[-1], top, bottom) and left >= lines[-1][0]:
            line = lines[-1]
            lines[-1] = [line[0], min(line[1], top), max(line[2], right), max(line[3], bottom)]
        else:
            lines.append([left, top, right, bottom])
    return lines


def _on_one_line(line: list[int], top: int, bottom: int) -> bool:
    overlap = min(line[3], bottom) - max(line[1], top)
    return overlap >= _SAME_LINE * min(line[3] - line[1], bottom - top)


def _as_mark(box: list[int]) -> Mark:
    left, top, right, bottom = box
    return Mark(left, top, right - left, bottom - top)
