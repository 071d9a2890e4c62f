"""Issued letters emailed by a real worker to a real SMTP server, which is down at first:
the failure is recorded, the task tries again with backoff, and the letters arrive once the
server is up. Embedded mode, then services mode (Redis, S3, and PostgreSQL when
CASEWORK_TEST_DATABASE_URL is set)."""

from __future__ import annotations

import time

import pytest

from casework.decisions import case_deliveries, deliver_letters
from casework.users import create_user
from storage.models import Delivery
from tests.issuing import issued_version
from tests.servers import free_port
from tests.smtp import smtp_server
from vocabulary import DeliveryStatus
from web import create_app
from web.runtime import enqueue_delivery
from wiring import load_settings

pytestmark = pytest.mark.integration

SENDER = "Casework <casework@ombudsman.example>"


@pytest.fixture
def mailing_service(mode_env, start_worker):
    """The web app, a way to start its worker, and the port they email letters to, where no
    server listens yet."""
    port = free_port()
    env = mode_env | {"CASEWORK_SMTP_HOST": "127.0.0.1", "CASEWORK_SMTP_PORT": str(port),
                      "CASEWORK_SMTP_TLS": "none", "CASEWORK_SMTP_FROM": SENDER,
                      "CASEWORK_DELIVERY_RETRY_SECONDS": "1"}
    settings = load_settings(env)
    app = create_app(settings, test_config={"TESTING": True})
    yield app, lambda: start_worker(env), port
    app.extensions["casework.storage"].engine.dispose()


def issue_by_email(app) -> tuple[list[int], object]:
    """Issue a provisional decision whose letters both go by email; the deliveries' ids (not
    yet queued) and the case."""
    storage = app.extensions["casework.storage"]
    settings = app.extensions["casework.settings"]
    with storage.sessions() as session:
        drafter = create_user(session, "investigator@example.org", "a-long-password",
                              "investigator")
        reviewer = create_user(session, "reviewer@example.org", "a-long-password", "reviewer")
        version = issued_version(session, storage.objects, drafter, reviewer,
                                 complainant_email="ada@example.net",
                                 contact_emails=("complaints@northtown.example",))
        emails = deliver_letters(session, storage.objects, version,
                                 outbox_dir=settings.outbox_dir,
                                 by_email=settings.smtp is not None, actor=drafter)
        session.commit()
        return [d.id for d in emails], version.decision.case


def wait_for(storage, delivery_ids, done, worker, timeout=90.0) -> list[Delivery]:
    """The deliveries, once `done` holds for each of them."""
    deadline = time.monotonic() + timeout
    while True:
        with storage.sessions() as session:
            rows = [session.get(Delivery, i) for i in delivery_ids]
        if all(done(row) for row in rows):
            return rows
        assert worker.alive(), f"the worker died:\n{worker.log()}"
        assert time.monotonic() < deadline, (
            f"not done in time: {[(r.status, r.error) for r in rows]}\n{worker.log()}")
        time.sleep(0.2)


def test_letters_are_emailed_once_the_mail_server_is_up(mailing_service):
    app, start_worker, port = mailing_service
    storage = app.extensions["casework.storage"]
    worker = start_worker()
    ids, case = issue_by_email(app)
    assert len(ids) == 2
    with app.app_context():
        for delivery_id in ids:
            enqueue_delivery(delivery_id)

    failed = wait_for(storage, ids, lambda d: d.status is DeliveryStatus.RETRYING, worker)
    assert all("Connection refused" in d.error and d.attempts >= 1 for d in failed)

    with smtp_server(port=port) as server:
        received = server.inbox.wait_for(2, timeout=90)
        sent = wait_for(storage, ids, lambda d: d.status is DeliveryStatus.SENT, worker)
        time.sleep(1)  # a second send of either letter would have arrived by now
        assert len(server.inbox.messages) == 2

    by_address = {r.recipients[0]: r.message for r in received}
    assert sorted(by_address) == ["ada@example.net", "complaints@northtown.example"]
    assert {d.address: d.message_id for d in sent} == {
        address: message["Message-ID"] for address, message in by_address.items()}
    for delivery in sent:
        assert delivery.attempts >= 2 and delivery.error is None
        assert delivery.delivered_at is not None
    letter_names = {address: [p.get_filename() for p in message.iter_attachments()]
                    for address, message in by_address.items()}
    assert letter_names["ada@example.net"][0].endswith("-letter-to-complainant-v1.docx")
    assert letter_names["complaints@northtown.example"][0].endswith(
        "-letter-to-organisation-v1.docx")
    with storage.sessions() as session:
        shown = case_deliveries(session, session.merge(case))
        assert [d.status for d in shown] == [DeliveryStatus.SENT] * 2
    assert worker.alive()


def test_letters_whose_messages_were_lost_are_sent_when_a_worker_starts(mailing_service):
    app, start_worker, port = mailing_service
    storage = app.extensions["casework.storage"]
    # Committed but never queued: as if the broker lost the messages.
    ids, _case = issue_by_email(app)

    with smtp_server(port=port) as server:
        worker = start_worker()
        received = server.inbox.wait_for(2, timeout=90)
        wait_for(storage, ids, lambda d: d.status is DeliveryStatus.SENT, worker)
    assert sorted(r.recipients[0] for r in received) == [
        "ada@example.net", "complaints@northtown.example"]
    # The issued version's PDF, never made here, is asked for again too.
    assert "0 file(s), 2 letter(s) and 1 PDF(s) queued again" in worker.log()
