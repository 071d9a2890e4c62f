"""Issued letters reach both sides: by email through a real SMTP server on loopback, or
from the outbox by post, every step recorded and audited."""

from functools import partial

import pytest
from sqlalchemy import select

from casework.decisions import (
    DeliveryFailed,
    case_deliveries,
    deliver_letters,
    mark_posted,
    send_delivery,
    unsent_deliveries,
)
from casework.errors import Conflict, Forbidden
from casework.users import get_user_by_email
from storage.models import AuditEvent
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.issuing import issued_version
from tests.servers import free_port
from tests.smtp import smtp_server
from vocabulary import Channel, DeliveryStatus, Recipient
from wiring import SmtpSettings, send_email

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SENDER = "Casework <casework@ombudsman.example>"


@pytest.fixture
def store(app):
    return app.extensions["casework.storage"].objects


@pytest.fixture
def people(db):
    return get_user_by_email(db, INVESTIGATOR[0]), get_user_by_email(db, REVIEWER[0])


@pytest.fixture
def issue(db, store, people):
    def issue(**addresses):
        return issued_version(db, store, *people, **addresses)

    return issue


def audit(db, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.id)))


def smtp_to(port: int) -> SmtpSettings:
    return SmtpSettings(host="127.0.0.1", port=port, tls="none", from_address=SENDER)


def test_without_a_mail_server_the_letters_and_decision_go_to_the_outbox(db, store, issue,
                                                                         tmp_path):
    version = issue(complainant_email="ada@example.net",
                    contact_emails=("complaints@northtown.example",))
    outbox = tmp_path / "outbox"

    emails = deliver_letters(db, store, version, outbox_dir=outbox, by_email=False)

    assert emails == []
    reference = version.decision.case.reference
    folder = outbox / reference
    assert sorted(p.name for p in folder.iterdir()) == [  # no half-written leftovers
        f"{reference}-provisional-decision-v1.docx",
        f"{reference}-provisional-letter-to-complainant-v1.docx",
        f"{reference}-provisional-letter-to-organisation-v1.docx",
    ]
    assert (folder / f"{reference}-provisional-decision-v1.docx").read_bytes() == \
        store.get(version.object_key)
    rows = case_deliveries(db, version.decision.case)
    assert [(d.letter.recipient, d.channel, d.status, d.address, d.message_id) for d in rows] \
        == [(letter.recipient, Channel.POST, DeliveryStatus.TO_POST, None,
             f"{reference}/{reference}-provisional-letter-to-{letter.recipient.value}-v1.docx")
            for letter in version.letters]
    for delivery in rows:
        assert (outbox / delivery.message_id).read_bytes() == store.get(delivery.letter.object_key)
    assert [(e.subject_id, e.detail) for e in audit(db, "letter.to_post")] == [
        (d.id, {"recipient": d.letter.recipient.value, "channel": "post"}) for d in rows]


def test_with_a_mail_server_each_recorded_address_gets_an_email(db, store, issue, tmp_path):
    version = issue(complainant_email=" ada@example.net ",
                    contact_emails=("complaints@northtown.example", "Complaints@Northtown.example",
                                    "chief.executive@northtown.example"))

    emails = deliver_letters(db, store, version, outbox_dir=tmp_path / "outbox", by_email=True)

    assert [(d.letter.recipient, d.channel, d.status, d.address, d.attempts) for d in emails] == [
        (Recipient.COMPLAINANT, Channel.EMAIL, DeliveryStatus.PENDING, "ada@example.net", 0),
        (Recipient.ORGANISATION, Channel.EMAIL, DeliveryStatus.PENDING,
         "complaints@northtown.example", 0),
        (Recipient.ORGANISATION, Channel.EMAIL, DeliveryStatus.PENDING,
         "chief.executive@northtown.example", 0),
    ]
    assert not (tmp_path / "outbox").exists()
    assert unsent_deliveries(db) == [d.id for d in emails]
    # The audit log names the delivery and the side, never an address.
    events = audit(db, "letter.queued_for_email")
    assert [(e.subject_id, e.detail) for e in events] == [
        (d.id, {"recipient": d.letter.recipient.value, "channel": "email"}) for d in emails]


def test_a_side_without_an_address_gets_its_letter_by_post(db, store, issue, tmp_path):
    version = issue(contact_emails=("complaints@northtown.example",))

    emails = deliver_letters(db, store, version, outbox_dir=tmp_path, by_email=True)

    assert [d.letter.recipient for d in emails] == [Recipient.ORGANISATION]
    rows = case_deliveries(db, version.decision.case)
    assert [(d.letter.recipient, d.channel, d.status) for d in rows] == [
        (Recipient.COMPLAINANT, Channel.POST, DeliveryStatus.TO_POST),
        (Recipient.ORGANISATION, Channel.EMAIL, DeliveryStatus.PENDING),
    ]


def test_an_email_carries_the_letter_and_the_decision_and_is_sent_once(db, store, issue,
                                                                       tmp_path):
    version = issue(complainant_email="ada@example.net")
    [email] = deliver_letters(db, store, version, outbox_dir=tmp_path, by_email=True)
    reference = version.decision.case.reference

    with smtp_server() as server:
        send = partial(send_email, smtp_to(server.port))
        delivery = send_delivery(db, store, email.id, send, SENDER)
        # A task delivered twice (a worker restarted, a message redelivered) sends nothing more.
        again = send_delivery(db, store, email.id, send, SENDER)
        [received] = server.inbox.wait_for(1)
    assert len(server.inbox.messages) == 1

    assert again is delivery
    assert (delivery.status, delivery.attempts, delivery.error) == (DeliveryStatus.SENT, 1, None)
    assert delivery.delivered_at is not None
    message = received.message
    assert delivery.message_id == message["Message-ID"]
    assert received.recipients == ["ada@example.net"]
    assert (message["From"], message["To"]) == (SENDER, "ada@example.net")
    assert message["Subject"] == f"{reference}: Provisional decision"
    assert reference in message.get_body(("plain",)).get_content()
    attachments = {part.get_filename(): (part.get_content_type(), part.get_content())
                   for part in message.iter_attachments()}
    letter = version.letters[0]
    assert attachments == {
        f"{reference}-provisional-letter-to-complainant-v1.docx": (
            DOCX, store.get(letter.object_key)),
        f"{reference}-provisional-decision-v1.docx": (DOCX, store.get(version.object_key)),
    }
    [event] = audit(db, "letter.sent")
    assert (event.subject_id, event.detail) == (
        delivery.id, {"recipient": "complainant", "channel": "email", "attempts": 1})
    assert unsent_deliveries(db) == []


def test_a_failed_send_is_recorded_and_the_next_try_sends_it(db, store, issue, tmp_path):
    version = issue(complainant_email="ada@example.net")
    [email] = deliver_letters(db, store, version, outbox_dir=tmp_path, by_email=True)
    port = free_port()  # nothing listens there yet
    send = partial(send_email, smtp_to(port))

    with pytest.raises(DeliveryFailed, match="refused"):
        send_delivery(db, store, email.id, send, SENDER)

    assert (email.status, email.attempts) == (DeliveryStatus.RETRYING, 1)
    assert "Connection refused" in email.error
    assert unsent_deliveries(db) == [email.id]
    [failed] = audit(db, "letter.send_failed")
    assert failed.detail == {"recipient": "complainant", "channel": "email", "attempts": 1,
                             "error": "ConnectionRefusedError"}

    with smtp_server(port=port) as server:
        send_delivery(db, store, email.id, send, SENDER)
        [received] = server.inbox.wait_for(1)
    assert (email.status, email.attempts, email.error) == (DeliveryStatus.SENT, 2, None)
    assert email.message_id == received.message["Message-ID"]


def test_a_refusal_from_the_server_is_kept_in_its_words(db, store, issue, tmp_path):
    version = issue(complainant_email="ada@example.net")
    [email] = deliver_letters(db, store, version, outbox_dir=tmp_path, by_email=True)
    refusal = {"ada@example.net": "550 5.1.1 No such mailbox"}
    with smtp_server(refuse=refusal) as server, pytest.raises(DeliveryFailed):
        send_delivery(db, store, email.id, partial(send_email, smtp_to(server.port)), SENDER)
    assert server.inbox.messages == []
    assert (email.status, email.attempts) == (DeliveryStatus.RETRYING, 1)
    # The server's words, without the address: the reason is shown to anyone on the case.
    assert email.error == "the mail server refused the address: 550 5.1.1 No such mailbox"


def test_a_letter_to_post_is_marked_posted_by_a_drafter(db, store, issue, people, tmp_path):
    drafter, reviewer = people
    version = issue(complainant_email="ada@example.net")
    deliver_letters(db, store, version, outbox_dir=tmp_path, by_email=True)
    email, post = sorted(case_deliveries(db, version.decision.case), key=lambda d: d.channel)

    with pytest.raises(Forbidden):
        mark_posted(db, reviewer, post)
    with pytest.raises(Conflict, match="only a letter waiting to be posted"):
        mark_posted(db, drafter, email)
    mark_posted(db, drafter, post)

    assert post.status is DeliveryStatus.POSTED and post.delivered_at is not None
    [event] = audit(db, "letter.posted")
    assert (event.actor_id, event.subject_id, event.case_id) == (
        drafter.id, post.id, version.decision.case_id)
    with pytest.raises(Conflict):
        mark_posted(db, drafter, post)


def test_a_case_lists_only_its_own_deliveries(db, store, issue, tmp_path):
    first = issue(complainant_email="ada@example.net")
    second = issue(organisation="Southtown Council")
    deliver_letters(db, store, first, outbox_dir=tmp_path, by_email=True)
    deliver_letters(db, store, second, outbox_dir=tmp_path, by_email=True)

    assert {d.letter.version_id for d in case_deliveries(db, first.decision.case)} == {first.id}
    assert [d.channel for d in case_deliveries(db, second.decision.case)] == [Channel.POST] * 2


def test_an_address_no_email_can_carry_is_a_failure_shown_not_a_crash(db, store, issue,
                                                                    tmp_path):
    # Recorded before addresses were checked where they are typed.
    version = issue(complainant_email="ada@example.net\nBcc: eve@example.org")
    [email] = deliver_letters(db, store, version, outbox_dir=tmp_path, by_email=True)
    with smtp_server() as server, pytest.raises(DeliveryFailed):
        send_delivery(db, store, email.id, partial(send_email, smtp_to(server.port)), SENDER)
    assert server.inbox.messages == []
    assert (email.status, email.attempts) == (DeliveryStatus.RETRYING, 1)
    assert email.error.startswith("ValueError")
    assert unsent_deliveries(db) == [email.id]
