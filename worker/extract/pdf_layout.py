"""Where a PDF page's text layer puts each word: the boxes a cited passage is marked with.

A word's box comes from pdfium's rectangles over its characters (FPDFText_CountRects: one per
text object in the range), two or three calls a word rather than one a character. Boxes are
kept in thousandths of the page from its top left corner, so they fit the image at any size.
"""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from worker.extract import pdf_calls as calls
from worker.extract.pdf_placement import indexed_text

_WORDS = re.compile(r"\S+")
# pdfium's marks for a hyphen it joined lines at: not part of any word a person reads.
_MARKS = str.maketrans({"\ufffe": None, "\x02": None})


def page_layout(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> dict:
    """{"words": [...], "boxes": [[left, top, right, bottom], ...]} in thousandths of the page.

    Empty for a page without a text layer, and for a rotated page, whose text layer is not
    upright on its image.
    """
    words: list[str] = []
    boxes: list[list[int]] = []
    left, bottom, right, top = page.get_bbox()
    width, height = right - left, top - bottom
    if page.get_rotation() or width <= 0 or height <= 0 or textpage.count_chars() == 0:
        return {"words": words, "boxes": boxes}
    raw = calls.address(textpage.raw)
    values, addresses = calls.doubles(4)
    for match in _WORDS.finditer(indexed_text(textpage)):
        word = match.group().translate(_MARKS)
        start, end = match.span()
        found = calls.count_rects(raw, start, end - start)
        if not word or found < 1:
            continue  # nothing drawn: no box to mark
        x0 = y0 = float("inf")
        x1 = y1 = float("-inf")
        for index in range(found):
            calls.rect(raw, index, *addresses)
            rect_left, rect_top, rect_right, rect_bottom = values.tolist()
            x0, x1 = min(x0, rect_left), max(x1, rect_right)
            y0, y1 = min(y0, rect_bottom), max(y1, rect_top)
        words.append(word)
        boxes.append([_share(x0 - left, width), _share(top - y1, height),
                      _share(x1 - left, width), _share(top - y0, height)])
    return {"words": words, "boxes": boxes}


def _share(length: float, whole: float) -> int:
    return max(0, min(1000, round(length / whole * 1000)))
