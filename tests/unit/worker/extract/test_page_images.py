"""Pictures of pages: a readable image and a thumbnail of each page of a PDF or image, with
where the text layer puts each word, bounded however large a page claims to be."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from commands.sample_files import text_pdf
from tests.fixtures import COMPLAINT_PAGES, complaint_pdf, scanned_pdf, single_page_pdf, text_image
from worker.extract import ExtractionError, can_render, render_isolated, render_pages
from worker.extract import page_images as rendering
from worker.extract.limits import MAX_IMAGE_PIXELS, PAGE_IMAGE_LONG_SIDE, THUMBNAIL_LONG_SIDE

PDF = "application/pdf"


def size_of(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return image.size


def test_each_pdf_page_is_a_readable_image_a_thumbnail_and_its_words_placed():
    rendered = render_pages(PDF, complaint_pdf())

    assert rendered.page_count == 2 and len(rendered.pages) == 2
    first = rendered.pages[0]
    assert max(size_of(first.image)) == PAGE_IMAGE_LONG_SIDE
    assert max(size_of(first.thumbnail)) == THUMBNAIL_LONG_SIDE
    assert " ".join(first.layout["words"]) == " ".join(COMPLAINT_PAGES[0])
    assert len(first.layout["boxes"]) == len(first.layout["words"])
    # The title is at the top left of an A4 page, in thousandths of it; the words go right.
    left, top, right, bottom = first.layout["boxes"][0]
    assert 0 < left < right < 500 and 0 < top < bottom < 200
    assert first.layout["boxes"][1][0] > right


def test_a_scanned_page_and_a_photo_are_pictured_without_word_positions():
    [scan] = render_pages(PDF, scanned_pdf()).pages
    assert scan.layout == {"words": [], "boxes": []} and size_of(scan.image)

    tiff = render_pages("image/tiff", text_image(["Riverside Surgery"], "TIFF", frames=3))
    assert tiff.page_count == 3 and len(tiff.pages) == 3
    [photo] = render_pages("image/jpeg", text_image(["A letter"], "JPEG")).pages
    assert size_of(photo.image) == (1400, 210) and max(size_of(photo.thumbnail)) == 200


def test_a_poster_sized_page_is_drawn_no_larger_than_a_letter():
    # 14,400 points square: the largest page PDF allows, 200 inches a side.
    poster = single_page_pdf(b"BT /F1 400 Tf 100 7000 Td (Site plan) Tj ET").replace(
        b"/MediaBox [0 0 595 842]", b"/MediaBox [0 0 14400 14400]")
    [page] = render_pages(PDF, poster).pages
    assert size_of(page.image) == (PAGE_IMAGE_LONG_SIDE, PAGE_IMAGE_LONG_SIDE)
    assert page.layout["words"] == ["Site", "plan"]


def test_an_image_past_the_pixel_limit_is_refused_with_the_limit():
    side = int(MAX_IMAGE_PIXELS ** 0.5) + 100
    out = io.BytesIO()
    Image.new("1", (side, side), 1).save(out, "PNG")
    with pytest.raises(ExtractionError, match=f"image too large: .* the limit is "
                                              f"{MAX_IMAGE_PIXELS:,} pixels"):
        render_pages("image/png", out.getvalue())


def test_only_the_first_pages_are_rendered_past_the_limit(monkeypatch):
    monkeypatch.setattr(rendering, "MAX_RENDERED_PAGES", 2)
    rendered = render_pages(PDF, text_pdf([["One"], ["Two"], ["Three"]]))
    assert rendered.page_count == 3
    assert [page.layout["words"] for page in rendered.pages] == [["One"], ["Two"]]


def test_the_isolated_child_hands_back_the_same_pages():
    content = complaint_pdf()
    assert render_isolated(PDF, content) == render_pages(PDF, content)


def test_a_damaged_pdf_is_a_reason_and_a_word_file_has_no_pages_to_picture():
    with pytest.raises(ExtractionError, match="damaged"):
        render_isolated(PDF, complaint_pdf()[:200])
    assert not can_render("application/vnd.openxmlformats-officedocument"
                          ".wordprocessingml.document")
