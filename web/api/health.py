"""GET /api/v1/health: can this process reach its database, broker and object store?"""

from __future__ import annotations

import logging

from flask import current_app

from web.api import bp, schemas
from web.runtime import get_storage

log = logging.getLogger(__name__)


def _probe(check) -> str:
    try:
        check()
    except Exception:  # a health check reports faults, it does not raise them
        # The details (hosts, users, buckets) go to the log, not to anyone who asks.
        log.exception("health check failed")
        return "error"
    return "ok"


def _check_broker() -> None:
    with current_app.extensions["casework.celery"].connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


@bp.get("/health")
@bp.doc(security=[])
@bp.response(200, schemas.Health)
@bp.alt_response(503, schema=schemas.Health, description="Something it needs does not answer")
def health():
    """Whether the database, broker and object store answer"""
    storage = get_storage()
    parts = {
        "database": _probe(storage.check_database),
        "broker": _probe(_check_broker),
        "storage": _probe(storage.objects.check),
    }
    healthy = all(value == "ok" for value in parts.values())
    return {"status": "ok" if healthy else "degraded", **parts}, 200 if healthy else 503
