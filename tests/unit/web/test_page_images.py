"""The evidence page shows each page's picture beside its text, with the cited passage marked
on it; the pictures are served to staff only, and shared by every copy of the same bytes."""

from __future__ import annotations

import re

from casework.evidence import remove_stray_originals
from casework.users import create_user
from storage.models import Evidence
from tests.fixtures import complaint_pdf, response_docx
from tests.unit.worker.pipeline.test_runner import new_case, upload
from vocabulary import EvidenceStatus

ORGANISATION = ("org@example.org", "a-long-password")


def processed(api, process, *files) -> list[int]:
    ids = upload(api, new_case(api), *files)
    process(ids)
    return ids


def test_each_page_shows_its_picture_beside_its_text(api, process, auth, client, db):
    [letter] = processed(api, process, ("letter.pdf", complaint_pdf()))
    assert db.get(Evidence, letter).page_images == 2
    auth.login()

    page = client.get(f"/evidence/{letter}").text
    assert (f'src="/evidence/{letter}/pages/2/image" loading="lazy" alt="Page 2 of letter.pdf"'
            in page)
    # The strip of thumbnails leads to each page.
    assert f'<a class="govuk-link" href="#page-2"><img src="/evidence/{letter}/pages/2/thumbnail"' \
        in page
    assert "data-passage-marks" not in page

    image = client.get(f"/evidence/{letter}/pages/2/image")
    assert image.status_code == 200 and image.mimetype == "image/jpeg"
    assert image.data.startswith(b"\xff\xd8") and "immutable" in image.headers["Cache-Control"]
    thumbnail = client.get(f"/evidence/{letter}/pages/1/thumbnail")
    assert thumbnail.status_code == 200 and len(thumbnail.data) < len(image.data)
    assert client.get(f"/evidence/{letter}/pages/3/image").status_code == 404


def test_opened_from_a_citation_the_passage_is_marked_on_the_page(api, process, auth, client):
    [letter] = processed(api, process, ("letter.pdf", complaint_pdf()))
    auth.login()

    page = client.get(f"/evidence/{letter}", query_string={
        "page": 2, "quote": "Nobody called me back"}).text
    marks = re.findall(r'<rect x="(\d+)" y="(\d+)" width="(\d+)" height="(\d+)">', page)
    assert len(marks) == 1 and page.count("data-passage-marks") == 1
    assert "The cited passage, “Nobody called me back”, is marked on the page." in page
    missing = client.get(f"/evidence/{letter}", query_string={"page": 2, "quote": "an ombudsman"})
    assert "could not be placed on this picture" in missing.text


def test_a_file_without_pages_to_picture_shows_its_text_alone(api, process, auth, client, db):
    [response] = processed(api, process, ("response.docx", response_docx()))
    evidence = db.get(Evidence, response)
    assert evidence.page_images == 0
    assert [s.detail for s in evidence.steps if s.name == "page images"] == [
        "none: only PDFs and images have pages to picture"]
    auth.login()
    assert "casework-page__image" not in client.get(f"/evidence/{response}").text


def test_pictures_are_for_staff_only(api, process, client, db):
    [letter] = processed(api, process, ("letter.pdf", complaint_pdf()))
    url = f"/evidence/{letter}/pages/1/image"
    assert client.get(url).headers["Location"].startswith("/login")
    create_user(db, *ORGANISATION, "organisation", "Riverside Surgery")
    db.commit()
    client.post("/login", data={"email": ORGANISATION[0], "password": ORGANISATION[1]})
    assert client.get(url).status_code == 403
    assert client.get(f"/evidence/{letter}/pages/1/thumbnail").status_code == 403


def test_a_copy_of_the_same_bytes_shares_the_pictures_and_the_sweep_keeps_them(
        app, api, process, db, settings):
    [first] = processed(api, process, ("letter.pdf", complaint_pdf()))
    [copy] = processed(api, process, ("copy-of-letter.pdf", complaint_pdf()))
    assert db.get(Evidence, copy).page_images == 2
    store = app.extensions["casework.storage"].objects
    sha256 = db.get(Evidence, first).sha256
    pictures = [item.key for item in store.listing(f"derived/{sha256[:2]}/{sha256}/pages/")]
    assert len(pictures) == 2 * 3  # a picture, a thumbnail and the words' places, a page

    assert remove_stray_originals(db, store) == 0
    assert all(store.exists(key) for key in pictures)


def test_a_page_that_cannot_be_drawn_leaves_the_text_searchable(api, process, db, monkeypatch):
    from worker.extract import ExtractionError
    from worker.pipeline import page_images

    def refuse(*args, **kwargs):
        raise ExtractionError("timed out: rendering the pages took more than 1 s")

    monkeypatch.setattr(page_images, "render_isolated", refuse)
    [letter] = processed(api, process, ("letter.pdf", complaint_pdf()))
    evidence = db.get(Evidence, letter)
    assert evidence.status is EvidenceStatus.PROCESSED and evidence.page_images == 0
    assert [s.detail for s in evidence.steps if s.name == "page images"] == [
        "saved; then timed out: rendering the pages took more than 1 s"]
    assert api.get(f"/api/v1/evidence/{letter}/pages").json["items"]


def test_reading_again_draws_the_pictures_again(app, api, process, db):
    [letter] = processed(api, process, ("letter.pdf", complaint_pdf()))
    evidence = db.get(Evidence, letter)
    store = app.extensions["casework.storage"].objects
    first_page = f"derived/{evidence.sha256[:2]}/{evidence.sha256}/pages/1.jpg"
    store.delete(first_page)
    # As a retry leaves it (casework.evidence's retry_evidence, for a failed file).
    evidence.status = EvidenceStatus.QUEUED
    db.commit()

    process([letter])
    db.expire_all()
    assert db.get(Evidence, letter).page_images == 2 and store.exists(first_page)
