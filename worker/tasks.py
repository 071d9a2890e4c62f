"""Celery tasks: thin. Take an id, call the pipeline, let it record the outcome; a decision
version's PDF; the daily sweep and the reconciler the schedule sends."""

from __future__ import annotations

import logging
from email.message import EmailMessage
from functools import partial

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded

from casework.decisions import (
    PDF_RETRY_SECONDS,
    PDF_TIME_LIMIT_S,
    PDF_TRIES,
    DeliveryFailed,
    PdfTryFailed,
    find_version,
    make_version_pdf,
    record_pdf_failure,
    send_delivery,
)
from casework.errors import NotFound
from casework.formats import office_today
from vocabulary import PdfStatus
from wiring import (
    DELIVER_LETTER,
    MAKE_DECISION_PDF,
    MAX_DELIVERY_RETRIES,
    PROCESS_EVIDENCE,
    RECONCILE,
    SWEEP_COMPLIANCE,
    Settings,
    retry_wait,
    send_email,
)
from worker.celery_app import process_storage
from worker.nlp.model_store import PUBLISHED_MODEL
from worker.pipeline import PipelineSettings, run_pipeline
from worker.reconcile import reconcile as reconcile_queues
from worker.schedule import run_object_sweep, run_sweep

log = logging.getLogger(__name__)


@shared_task(name=PROCESS_EVIDENCE, bind=True, ignore_result=True)
def process_evidence(self, evidence_id: int) -> str:
    settings: Settings = self.app.casework_settings
    storage = process_storage(settings)
    pipeline = pipeline_settings(settings)
    # A classifier trained on another machine reaches this one through the object store.
    PUBLISHED_MODEL.refresh(storage.objects, pipeline.classifier_dir)
    with storage.sessions() as session:
        return run_pipeline(session, storage.objects, evidence_id, process_evidence.delay,
                            pipeline)


def pipeline_settings(settings: Settings) -> PipelineSettings:
    return PipelineSettings(max_child_bytes=settings.max_upload_bytes,
                            classifier_dir=settings.classifier_dir,
                            task_time_limit=settings.task_time_limit,
                            lease_seconds=settings.lease_seconds)


# The retry schedule lives in the wiring, which checks it against the broker's timeout.
# After the last try (MAX_DELIVERY_RETRIES), the letter stays "retrying" with its
# reason on the case page, and is queued again when a worker starts.


def _no_mail_server(_message: EmailMessage) -> str:
    # Queued while a mail server was set up, sent after it was taken away: keep it, say why.
    raise ConnectionError("no mail server is set up (CASEWORK_SMTP_HOST is empty)")


@shared_task(name=DELIVER_LETTER, bind=True, ignore_result=True,
             max_retries=MAX_DELIVERY_RETRIES)
def deliver_letter(self, delivery_id: int) -> str:
    settings: Settings = self.app.casework_settings
    storage = process_storage(settings)
    smtp = settings.smtp
    send = partial(send_email, smtp) if smtp is not None else _no_mail_server
    with storage.sessions() as session:
        try:
            delivery = send_delivery(session, storage.objects, delivery_id, send,
                                     smtp.from_address if smtp is not None else "")
        except NotFound:
            log.warning("delivery %s is not in the database: nothing to send", delivery_id)
            return "missing"
        except DeliveryFailed:
            session.commit()  # the failure and its reason are shown on the case page
            if self.request.retries >= MAX_DELIVERY_RETRIES:
                log.error("delivery %s failed %s times: left for a person to see",
                          delivery_id, self.request.retries + 1)
                return "retrying"
            raise self.retry(countdown=retry_wait(settings.delivery_retry_seconds,
                                                  self.request.retries)) from None
        session.commit()
        return delivery.status.value


# The conversion bounds itself (the office's start, then the document); the soft limit only
# catches what those could not, and the hard one a task that ignored even that.
@shared_task(name=MAKE_DECISION_PDF, bind=True, ignore_result=True, max_retries=PDF_TRIES - 1,
             soft_time_limit=PDF_TIME_LIMIT_S, time_limit=PDF_TIME_LIMIT_S + 15)
def make_decision_pdf(self, version_id: int) -> str:
    """Make one decision version's PDF, with this process's warm office (started for its
    first PDF, started again when it dies or hangs); nothing if it is made already."""
    storage = process_storage(self.app.casework_settings)
    with storage.sessions() as session:
        try:
            version = find_version(session, version_id)
        except NotFound:
            log.warning("decision version %s is not in the database: no PDF to make",
                        version_id)
            return "missing"
    # The session has ended: no transaction stays open while LibreOffice works.
    try:
        status = make_version_pdf(storage.objects, version,
                                  last_try=self.request.retries >= PDF_TRIES - 1)
    except PdfTryFailed as failure:
        log.warning("the PDF of decision version %s was not made (try %s of %s): %s",
                    version_id, self.request.retries + 1, PDF_TRIES, failure)
        raise self.retry(countdown=PDF_RETRY_SECONDS) from None
    except SoftTimeLimitExceeded:
        # Past every limit of its own: said for good, rather than left "being made".
        record_pdf_failure(storage.objects, version,
                           f"LibreOffice did not finish the PDF within {PDF_TIME_LIMIT_S} s")
        return PdfStatus.FAILED.value
    return status.value


@shared_task(name=SWEEP_COMPLIANCE, bind=True, ignore_result=True)
def sweep_compliance(self) -> str:
    """Mark what is overdue and remind, as of the office's today."""
    settings: Settings = self.app.casework_settings
    storage = process_storage(settings)
    result = run_sweep(storage, self.app, settings, office_today())
    log.info("compliance sweep: %s", result.summary())
    removed = run_object_sweep(storage)
    if removed:
        log.info("removed %s stored file(s) of uploads that were never saved", removed)
    return result.summary()


@shared_task(name=RECONCILE, bind=True, ignore_result=True)
def reconcile(self) -> str:
    """Queue again the files and letters whose message was lost."""
    settings: Settings = self.app.casework_settings
    try:
        result = reconcile_queues(process_storage(settings), self.app, settings)
    except Exception:  # noqa: BLE001 (the database down: the next pass tries again)
        log.exception("reconcile: could not look for lost messages")
        return "failed"
    if result.evidence or result.deliveries or result.left:
        log.info("reconcile: %s", result.summary())
    return result.summary()
