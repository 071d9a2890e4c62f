"""Queue again the files, letters and decision PDFs whose message never reached a worker, or
was lost with one: run by the schedule every CASEWORK_RECONCILE_SECONDS and by each worker as
it starts.

A message is lost when the broker was down as it was sent (the upload is stored `queued`
all the same), or with a worker killed mid-run (the file stays `processing` past its lease).
Sending one again is always safe: a file is claimed by one run at a time and counted only
when claimed, a letter's email is sent once however often it is queued, and a PDF already
made (or refused) costs a worker one look at the store.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from celery import Celery

from casework.decisions import (
    PDF_FOLLOW_DAYS,
    get_delivery,
    unsent_deliveries,
    versions_awaiting_pdf,
)
from casework.evidence import mark_enqueued, release_lost_runs, stalled_evidence
from storage.runtime import Storage
from vocabulary import DeliveryStatus
from wiring import Settings, queue_delivery, queue_evidence, send_decision_pdf

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Reconciled:
    evidence: int = 0
    deliveries: int = 0
    pdfs: int = 0
    # Left for the next pass: the broker stopped answering.
    left: int = 0

    def summary(self) -> str:
        text = (f"{self.evidence} file(s), {self.deliveries} letter(s) and {self.pdfs} "
                "PDF(s) queued again")
        return text + (f", {self.left} left for the next pass" if self.left else "")


def reconcile(storage: Storage, celery: Celery, settings: Settings, *,
              starting: bool = False) -> Reconciled:
    """Send again what waits for a message that is not coming; never raises for the broker.

    `starting`: a worker is starting, so messages may have gone with a stopped broker or
    worker; every queued file and every unsent letter is sent again. Otherwise only files
    never sent (or sent longer than the lease ago), and letters and PDFs still waiting a
    lease after they were asked for.
    """
    sent_within = 0 if starting else settings.lease_seconds
    with storage.sessions() as session:
        # Embedded mode has one worker, and it is starting: whatever was processing lost
        # its run with the last one, and need not wait out its lease.
        if starting and settings.embedded_broker and release_lost_runs(session):
            session.commit()
        evidence_ids = stalled_evidence(session, settings.lease_seconds, sent_within)
        delivery_ids = [i for i in unsent_deliveries(session)
                        if starting or _untried_since(session, i, settings.lease_seconds)]
        now = datetime.now(UTC)
        pdf_ids = versions_awaiting_pdf(
            session, storage.objects, frozen_after=now - timedelta(days=PDF_FOLLOW_DAYS),
            frozen_before=now - timedelta(seconds=sent_within))
    sent_evidence = _send_all(evidence_ids, lambda i: queue_evidence(celery, i), "file")
    if sent_evidence:
        with storage.sessions() as session:
            mark_enqueued(session, sent_evidence)
            session.commit()
    sent_deliveries = []
    if len(sent_evidence) == len(evidence_ids):  # else the broker is not answering
        sent_deliveries = _send_all(delivery_ids, lambda i: queue_delivery(celery, i),
                                    "letter")
    sent_pdfs = []
    if len(sent_deliveries) == len(delivery_ids):
        sent_pdfs = _send_all(pdf_ids, lambda i: _send_pdf(celery, i), "decision PDF")
    left = (len(evidence_ids) + len(delivery_ids) + len(pdf_ids)
            - len(sent_evidence) - len(sent_deliveries) - len(sent_pdfs))
    return Reconciled(len(sent_evidence), len(sent_deliveries), len(sent_pdfs), left)


def _send_pdf(celery: Celery, version_id: int) -> None:
    if not send_decision_pdf(celery, version_id):
        raise ConnectionError("the broker did not take the PDF request")


def _untried_since(session, delivery_id: int, seconds: int) -> bool:
    # A letter being retried has its next try waiting in the broker: sending another would
    # try it before its wait is over, and start a second chain of retries.
    delivery = get_delivery(session, delivery_id)
    cutoff = datetime.now(UTC) - timedelta(seconds=seconds)
    return delivery.status is DeliveryStatus.PENDING and delivery.created_at <= cutoff


def _send_all(ids: list[int], send, what: str) -> list[int]:
    """The ids sent, in order, up to the first the broker refused."""
    sent = []
    for item_id in ids:
        try:
            send(item_id)
        except Exception:  # noqa: BLE001 (the broker's faults are many: each waits for the next pass)
            log.warning("could not queue %s %s again; the broker is not answering, so the "
                        "rest wait for the next pass", what, item_id, exc_info=True)
            break
        sent.append(item_id)
    return sent
