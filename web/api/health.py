"""GET /api/v1/health: can this process reach its database, broker and object store?"""

from __future__ import annotations

from flask import current_app, jsonify

from web.api import bp
from web.runtime import get_storage


def _probe(check) -> str:
    try:
        check()
    except Exception as error:  # a health check reports faults, it does not raise them
        return f"error: {error}"
    return "ok"


def _check_broker() -> None:
    with current_app.extensions["celery"].connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


@bp.get("/health")
def health():
    storage = get_storage()
    parts = {
        "database": _probe(storage.check_database),
        "broker": _probe(_check_broker),
        "storage": _probe(storage.objects.check),
    }
    healthy = all(value == "ok" for value in parts.values())
    return jsonify({"status": "ok" if healthy else "degraded", **parts}), 200 if healthy else 503
