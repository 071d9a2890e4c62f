"""The reconciler: files, letters and decision PDFs whose message was lost are sent again to
the real (embedded) broker, a redelivery never counts against a file, and a broker that does not
answer is logged and left for the next pass."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from casework.decisions import deliver_letters, make_version_pdf, record_pdf_failure
from casework.users import get_user_by_email
from storage.models import Evidence
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.issuing import issued_version
from tests.pdfs import StandInOffice, drafted_version
from tests.servers import free_port
from tests.unit.worker.pipeline.test_runner import new_case, upload
from vocabulary import DeliveryStatus, EvidenceStatus
from wiring import DELIVER_LETTER, MAKE_DECISION_PDF, PROCESS_EVIDENCE, RECONCILE, make_celery
from worker.reconcile import reconcile

LEASE = 600


@pytest.fixture
def storage(app):
    return app.extensions["casework.storage"]


def sent(settings) -> list[tuple[str, int]]:
    """The messages waiting in the embedded broker, as (task, id); taking them off it."""
    messages = []
    for path in sorted((settings.broker_dir / "queue").glob("*.msg")):
        headers = json.loads(path.read_text())["headers"]
        messages.append((headers["task"], json.loads(headers["argsrepr"].replace("'", '"'))[0]))
        path.unlink()
    return sorted(messages)


def ago(seconds: int) -> datetime:
    return datetime.now(UTC) - timedelta(seconds=seconds)


def cut_off(db, evidence_id: int, *, started: datetime, attempts: int) -> None:
    """Leave the file as a worker killed in the middle of its run leaves it."""
    evidence = db.get(Evidence, evidence_id)
    evidence.status, evidence.processing_started_at = EvidenceStatus.PROCESSING, started
    evidence.attempts = attempts
    db.commit()


def test_files_never_sent_or_sent_long_ago_are_sent_again_once(app, api, db, storage,
                                                                settings):
    case_id = new_case(api)
    never, recent, long_ago = upload(api, case_id, ("a.txt", b"first note"),
                                     ("b.txt", b"second note"), ("c.txt", b"third note"))
    sent(settings)  # the broker lost the upload's messages
    for item, enqueued_at in ((never, None), (recent, ago(10)), (long_ago, ago(LEASE + 1))):
        db.get(Evidence, item).enqueued_at = enqueued_at
    db.commit()
    celery = make_celery(settings)

    result = reconcile(storage, celery, settings)

    assert (result.evidence, result.left) == (2, 0)
    assert sent(settings) == [(PROCESS_EVIDENCE, never), (PROCESS_EVIDENCE, long_ago)]
    db.expire_all()
    assert all(db.get(Evidence, i).enqueued_at > ago(5) for i in (never, long_ago))
    # Marked as sent: the next pass leaves them be.
    assert reconcile(storage, celery, settings).evidence == 0
    assert sent(settings) == []
    # A worker starting sends every queued file: the broker may have lost any of them.
    assert reconcile(storage, celery, settings, starting=True).evidence == 3
    assert [i for _, i in sent(settings)] == [never, recent, long_ago]


def test_a_run_past_its_lease_is_sent_again_and_only_a_claim_counts(app, api, db, storage,
                                                                    settings, process):
    case_id = new_case(api)
    lost, running = upload(api, case_id, ("lost.txt", b"a note"), ("running.txt", b"b note"))
    sent(settings)
    for item, started in ((lost, ago(LEASE + 1)), (running, ago(10))):
        cut_off(db, item, started=started, attempts=1)
        db.get(Evidence, item).enqueued_at = ago(LEASE + 1)
    db.commit()
    celery = make_celery(settings)

    assert reconcile(storage, celery, settings).evidence == 1
    assert reconcile(storage, celery, settings).evidence == 1  # still lost: sent again
    assert sent(settings) == [(PROCESS_EVIDENCE, lost)] * 2
    db.expire_all()
    assert db.get(Evidence, lost).attempts == 1  # sending is not trying

    process([running])  # a redelivered message for a run within its lease does nothing
    db.expire_all()
    running_row = db.get(Evidence, running)
    assert (running_row.status, running_row.attempts) == (EvidenceStatus.PROCESSING, 1)

    process([lost, lost])  # the second of two messages finds it processed
    db.expire_all()
    lost_row = db.get(Evidence, lost)
    assert (lost_row.status, lost_row.attempts) == (EvidenceStatus.PROCESSED, 2)


def test_the_one_embedded_worker_starting_takes_up_runs_lost_with_the_last(app, api, db,
                                                                          storage, settings,
                                                                          process):
    [item] = upload(api, new_case(api), ("cut-off.txt", b"a note"))
    sent(settings)
    cut_off(db, item, started=ago(10), attempts=1)  # ten seconds in, well within the lease
    celery = make_celery(settings)

    assert reconcile(storage, celery, settings).evidence == 0  # a scheduled pass waits
    assert reconcile(storage, celery, settings, starting=True).evidence == 1
    process([i for _, i in sent(settings)])
    db.expire_all()
    row = db.get(Evidence, item)
    assert (row.status, row.attempts) == (EvidenceStatus.PROCESSED, 2)


def test_a_file_that_keeps_killing_its_worker_fails_and_is_not_sent_again(app, api, db,
                                                                          storage, settings,
                                                                          process):
    [item] = upload(api, new_case(api), ("killer.txt", b"a note"))
    sent(settings)
    cut_off(db, item, started=ago(LEASE + 1), attempts=3)  # three runs lost with their worker
    celery = make_celery(settings)

    assert reconcile(storage, celery, settings).evidence == 1
    process([i for _, i in sent(settings)])

    state = api.get(f"/api/v1/evidence/{item}").json
    assert state["status"] == "failed"
    assert state["error"].startswith("stopped: processing was interrupted 3 times")
    assert reconcile(storage, celery, settings, starting=True).evidence == 0


def test_letters_untried_after_the_lease_are_sent_again_and_retries_wait(app, db, storage,
                                                                         settings):
    drafter, reviewer = (get_user_by_email(db, who[0]) for who in (INVESTIGATOR, REVIEWER))
    version = issued_version(db, storage.objects, drafter, reviewer,
                             complainant_email="ada@example.net",
                             contact_emails=("complaints@northtown.example",
                                             "chief@northtown.example"))
    fresh, untried, retrying = deliver_letters(db, storage.objects, version,
                                               outbox_dir=settings.outbox_dir, by_email=True)
    untried.created_at = retrying.created_at = ago(LEASE + 1)
    retrying.status = DeliveryStatus.RETRYING  # its next try waits in the broker
    db.commit()
    celery = make_celery(settings)

    assert reconcile(storage, celery, settings).deliveries == 1
    assert sent(settings) == [(DELIVER_LETTER, untried.id)]
    # A worker starting sends them all: their messages may have gone with the broker.
    assert reconcile(storage, celery, settings, starting=True).deliveries == 3
    assert sent(settings) == [(DELIVER_LETTER, d.id) for d in (fresh, untried, retrying)] + [
        (MAKE_DECISION_PDF, version.id)]


def test_pdfs_still_waiting_a_lease_after_freezing_are_asked_for_again(app, db, storage,
                                                                       settings):
    recent, waiting, made, failed, old = (drafted_version(db, storage.objects)
                                          for _ in range(5))
    for version, frozen in ((recent, ago(10)), (waiting, ago(LEASE + 1)),
                            (made, ago(LEASE + 1)), (failed, ago(LEASE + 1)),
                            (old, ago(8 * 24 * 3600))):
        version.created_at = frozen
    db.commit()
    make_version_pdf(storage.objects, made, office=StandInOffice())
    record_pdf_failure(storage.objects, failed, "LibreOffice could not open the document")
    sent(settings)  # the requests sent as they were frozen: lost
    celery = make_celery(settings)

    assert reconcile(storage, celery, settings).pdfs == 1
    assert sent(settings) == [(MAKE_DECISION_PDF, waiting.id)]
    # A worker starting asks for every PDF still to come within the week, however recent.
    assert reconcile(storage, celery, settings, starting=True).pdfs == 2
    assert sent(settings) == [(MAKE_DECISION_PDF, recent.id), (MAKE_DECISION_PDF, waiting.id)]


@pytest.fixture
def broker_down(settings):
    """The settings with a Redis broker on a port where nothing listens."""
    return replace(settings, broker_url=f"redis://127.0.0.1:{free_port()}/0")


@pytest.fixture
def worker_app(broker_down):
    from worker import celery_app
    from worker.celery_app import create_worker

    celery = create_worker(broker_down)
    celery.conf.broker_connection_timeout = 1
    yield celery
    storage = celery_app._storage_by_process.pop(os.getpid(), None)
    if storage is not None:
        storage.engine.dispose()


def test_with_the_broker_down_the_scheduled_pass_logs_and_leaves_them(app, api, db, settings,
                                                                      worker_app, caplog):
    first, second = upload(api, new_case(api), ("a.txt", b"first"), ("b.txt", b"second"))
    for item in (first, second):
        db.get(Evidence, item).enqueued_at = None  # as the web stores them with Redis down
    db.commit()

    summary = worker_app.tasks[RECONCILE].apply().get()

    # Stopped at the first refusal: the rest need not each wait for the broker to time out.
    assert summary == ("0 file(s), 0 letter(s) and 0 PDF(s) queued again, "
                       "2 left for the next pass")
    assert f"could not queue file {first} again" in caplog.text
    db.expire_all()
    assert [db.get(Evidence, i).enqueued_at for i in (first, second)] == [None, None]
