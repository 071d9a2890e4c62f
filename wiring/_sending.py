"""Sending what a request committed: record what reached the broker, report what did not.

An upload's bytes and rows are saved before its messages are sent, so a broker that does not
answer loses nothing: the files stay `queued` with no `enqueued_at`, and the reconciler
(worker/reconcile.py) sends them once the broker is back. A version's PDF is asked for
again by whoever next wants it. Each send is bounded, so that a request with the broker down
still answers within a couple of seconds.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from celery import Celery
from sqlalchemy.orm import Session

from casework.evidence import mark_enqueued
from wiring._queue import MAKE_DECISION_PDF, PROCESS_EVIDENCE

log = logging.getLogger(__name__)

# One quick reconnection (a Redis restarted since this process last sent), no more: each try
# gives up after BROKER_TIMEOUT_SECONDS without a connection or an answer.
SEND_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2,
                     "interval_max": 0.2}
BROKER_TIMEOUT_SECONDS = 1.0


def send_evidence(celery: Celery, session: Session, evidence_ids: Iterable[int]) -> list[int]:
    """Ask a worker to process each committed file; record those sent (and commit that);
    return the ids whose message could not be sent, which stay queued for the reconciler.

    Never raises for the broker: once the upload is saved, its answer is that it is saved.
    """
    ids = list(evidence_ids)
    if not ids:
        return []
    sent, unsent = [], []
    with _bounded_connection(celery) as connection:
        for evidence_id in ids:
            if unsent:  # the broker did not answer the last one: spare the rest the wait
                unsent.append(evidence_id)
                continue
            try:
                celery.send_task(PROCESS_EVIDENCE, args=[evidence_id], connection=connection,
                                 retry=True, retry_policy=SEND_RETRY_POLICY)
            except Exception as error:  # the broker's faults are many: each leaves the file queued
                log.warning("could not queue evidence %s; it stays queued until the broker "
                            "is back: %s", evidence_id, error)
                unsent.append(evidence_id)
            else:
                sent.append(evidence_id)
    if sent:
        # Without this the reconciler would take these messages as lost and send them again.
        mark_enqueued(session, sent)
        session.commit()
    return unsent


def send_decision_pdf(celery: Celery, version_id: int) -> bool:
    """Ask a worker to make one decision version's PDF; False when the broker did not take
    the message. Never raises for the broker: the version is saved whatever it answers."""
    try:
        with _bounded_connection(celery) as connection:
            celery.send_task(MAKE_DECISION_PDF, args=[version_id], connection=connection,
                             retry=True, retry_policy=SEND_RETRY_POLICY)
    except Exception as error:  # the broker's faults are many: the PDF is asked for again
        log.warning("could not queue the PDF of decision version %s: %s", version_id, error)
        return False
    return True


def _bounded_connection(celery: Celery):
    """A connection to the broker that gives up after BROKER_TIMEOUT_SECONDS."""
    return celery.connection_for_write(
        connect_timeout=BROKER_TIMEOUT_SECONDS,
        transport_options={"socket_connect_timeout": BROKER_TIMEOUT_SECONDS,
                           "socket_timeout": BROKER_TIMEOUT_SECONDS})
