"""The case page's letters: what was sent how, and a printed letter marked as posted."""

import pytest
from flask import render_template
from sqlalchemy import select

from casework.decisions import case_deliveries, deliver_letters
from casework.users import create_user, get_user_by_email
from storage.models import AuditEvent, Delivery
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.issuing import issued_version
from vocabulary import DeliveryStatus

OTHER_INVESTIGATOR = ("other.investigator@example.org", "other-investigator-pass")


@pytest.fixture
def issued(app, db, settings):
    """An issued provisional decision: its complainant's letter by email, the organisation's
    (which has no address) to post. Committed."""
    store = app.extensions["casework.storage"].objects
    drafter, reviewer = (get_user_by_email(db, e) for e, _ in (INVESTIGATOR, REVIEWER))
    version = issued_version(db, store, drafter, reviewer, complainant_email="ada@example.net")
    deliver_letters(db, store, version, outbox_dir=settings.outbox_dir, by_email=True)
    create_user(db, *OTHER_INVESTIGATOR, "investigator")
    db.commit()
    return version


def by_channel(db, version) -> dict[str, Delivery]:
    db.expire_all()
    return {d.channel.value: d for d in case_deliveries(db, version.decision.case)}


def test_a_drafter_marks_a_printed_letter_posted(client, auth, db, issued):
    auth.login()
    post = by_channel(db, issued)["post"]

    response = client.post(f"/deliveries/{post.id}/posted")

    assert response.status_code == 302
    assert response.headers["Location"] == f"/cases/{issued.decision.case_id}/decision#letters"
    assert by_channel(db, issued)["post"].status is DeliveryStatus.POSTED
    # Twice is refused, and said so on the page.
    response = client.post(f"/deliveries/{post.id}/posted", follow_redirects=True)
    assert "only a letter waiting to be posted" in response.text


def test_a_reviewer_does_not_mark_letters_posted(client, auth, db, issued):
    auth.login(REVIEWER)
    post = by_channel(db, issued)["post"]
    assert client.post(f"/deliveries/{post.id}/posted").status_code == 403
    assert by_channel(db, issued)["post"].status is DeliveryStatus.TO_POST


def test_a_delivery_in_someone_elses_case_is_not_found(client, auth, db, issued):
    auth.login(OTHER_INVESTIGATOR)
    post = by_channel(db, issued)["post"]

    assert client.post(f"/deliveries/{post.id}/posted").status_code == 404
    assert client.post("/deliveries/999999/posted").status_code == 404

    assert by_channel(db, issued)["post"].status is DeliveryStatus.TO_POST
    refused = db.scalars(select(AuditEvent).where(AuditEvent.action == "access.refused")).all()
    assert [(e.case_id, e.detail) for e in refused] == [
        (issued.decision.case_id, {"record": "delivery", "record_id": post.id})]


def test_the_letters_table_shows_each_delivery_and_the_button_to_post(app, db, issued):
    deliveries = case_deliveries(db, issued.decision.case)
    email = next(d for d in deliveries if d.channel.value == "email")
    email.status, email.attempts = DeliveryStatus.RETRYING, 2
    email.error = "ConnectionRefusedError: [Errno 111] Connection refused"

    with app.test_request_context():
        html = render_template("cases/_deliveries.html", deliveries=deliveries, can_draft=True)

    assert 'id="letters"' in html
    assert "ada@example.net" in html
    assert "Failed, retrying" in html
    assert "Connection refused (tried 2 times)" in html
    assert "To send by post" in html
    post = next(d for d in deliveries if d.channel.value == "post")
    assert f"Outbox: <code>{post.message_id}</code>" in html
    assert html.count("Mark as posted") == 1
    assert f'action="/deliveries/{post.id}/posted"' in html
    assert 'name="csrf_token"' in html


def test_a_reader_who_does_not_draft_sees_no_button(app, db, issued):
    with app.test_request_context():
        html = render_template("cases/_deliveries.html",
                               deliveries=case_deliveries(db, issued.decision.case),
                               can_draft=False)
    assert "To send by post" in html
    assert "Mark as posted" not in html


def test_no_letters_no_section(app):
    with app.test_request_context():
        assert render_template("cases/_deliveries.html", deliveries=[]).strip() == ""
