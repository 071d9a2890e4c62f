"""Pictures of a file's pages beside their text: stored, served, and the cited passage marked.

The worker renders each page of a PDF or image to a readable image and a thumbnail, and for
a PDF keeps where the text layer puts each word (the page's layout). They are stored under
the file's hash, like its page text, so every copy of the same bytes shares them, and a
file read again writes them again under the same names.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

from casework.errors import NotFound
from casework.evidence._passage_marks import Mark, passage_marks
from casework.evidence._processing import derived_key
from storage.models import Evidence
from storage.objects import ObjectNotFound, ObjectStore, put_bytes

PAGE_IMAGE_TYPE = "image/jpeg"


@dataclass(frozen=True)
class PageImage:
    """One page as the worker rendered it."""

    image: bytes
    thumbnail: bytes
    # Each word of the text layer and its box in thousandths of the page, left, top, right,
    # bottom from the top left corner: {"words": [...], "boxes": [[l, t, r, b], ...]}.
    # Empty for a page without a text layer (a scan, a photo).
    layout: dict = field(default_factory=lambda: {"words": [], "boxes": []})


def _key(evidence: Evidence, number: int, suffix: str) -> str:
    return derived_key(evidence.sha256, f"pages/{number}{suffix}")


def record_page_images(store: ObjectStore, evidence: Evidence,
                       pages: Sequence[PageImage]) -> None:
    """Store the rendered pages, page 1 first, and note on the row how many there are."""
    for number, page in enumerate(pages, start=1):
        put_bytes(store, _key(evidence, number, ".jpg"), page.image, PAGE_IMAGE_TYPE)
        put_bytes(store, _key(evidence, number, ".thumb.jpg"), page.thumbnail, PAGE_IMAGE_TYPE)
        put_bytes(store, _key(evidence, number, ".layout.json"),
                  json.dumps(page.layout, separators=(",", ":")).encode(), "application/json")
    evidence.page_images = len(pages)


def page_image(store: ObjectStore, evidence: Evidence, number: int, *,
               thumbnail: bool = False) -> bytes:
    """The image (or thumbnail) of page `number`; NotFound when the page has none."""
    _check_has_image(evidence, number)
    try:
        return store.get(_key(evidence, number, ".thumb.jpg" if thumbnail else ".jpg"))
    except ObjectNotFound as error:
        raise NotFound(f"the image of page {number} is missing from the store") from error


def marks_on_page(store: ObjectStore, evidence: Evidence, number: int,
                  quote: str) -> list[Mark]:
    """Where `quote` sits on page `number`'s image; none when the text layer cannot say."""
    if not quote.strip() or not 1 <= number <= evidence.page_images:
        return []
    try:
        layout = json.loads(store.get(_key(evidence, number, ".layout.json")))
    except ObjectNotFound:
        return []  # the picture is there; only the marking is lost
    return passage_marks(layout, quote)


def _check_has_image(evidence: Evidence, number: int) -> None:
    if not 1 <= number <= evidence.page_images:
        raise NotFound(f"page {number} of evidence {evidence.id} has no image")
