"""What a request handler needs from the running app: database session, store, settings, queue."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from flask import current_app, g
from sqlalchemy.orm import Session

from casework.formats import office_today
from storage.objects import ObjectStore
from storage.runtime import Storage
from wiring import Settings, queue_delivery, send_decision_pdf, send_evidence


def get_storage() -> Storage:
    return current_app.extensions["casework.storage"]


def get_settings() -> Settings:
    return current_app.extensions["casework.settings"]


def get_db() -> Session:
    """The request's database session, opened on first use and closed at teardown."""
    if "db" not in g:
        g.db = get_storage().sessions()
    return g.db


def get_store() -> ObjectStore:
    return get_storage().objects


def close_db(_error: BaseException | None = None) -> None:
    session = g.pop("db", None)
    if session is not None:
        session.close()


def commit() -> None:
    """End the request's unit of work: what the domain changed is saved together."""
    get_db().commit()


# Said after saved files whose messages the broker did not take: they wait, queued, and the
# reconciler sends them once the broker is back.
QUEUE_DOWN = "The processing queue is not answering: processing will start when it is back."


def send_committed_evidence(evidence_ids: Iterable[int]) -> str | None:
    """Queue the files this request committed, recording those sent; QUEUE_DOWN when the
    broker did not take some of them (see wiring.send_evidence), else None."""
    unsent = send_evidence(current_app.extensions["casework.celery"], get_db(), evidence_ids)
    return QUEUE_DOWN if unsent else None


def send_pdf_request(version_id: int) -> bool:
    """Ask a worker for a decision version's PDF; False when the broker did not take it
    (see wiring.send_decision_pdf)."""
    return send_decision_pdf(current_app.extensions["casework.celery"], version_id)


def enqueue_delivery(delivery_id: int) -> None:
    """Queue an issued letter's email for the worker, by the task's name."""
    queue_delivery(current_app.extensions["casework.celery"], delivery_id)


def today() -> date:
    return office_today()
