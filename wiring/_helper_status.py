"""The file in which `casework run` records the helpers it supervises (the worker, the
schedule), so that the web process, which cannot see them, can say when one stopped.

    {"worker": {"pid": 123, "running": true, "restarts": 1, "last_exit": -9,
                "stopped_at": "2026-01-01T10:00:00+00:00",
                "restarted_at": "2026-01-01T10:00:01+00:00"}, ...}
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def write_helper_status(path: Path, status: dict) -> None:
    """Replace the file with `status`, written beside it and renamed over, so that a reader
    never sees half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".helpers-")
    with os.fdopen(handle, "w") as out:
        json.dump(status, out)
    os.replace(temporary, path)


def read_helper_status(path: Path) -> dict:
    """The status as last written; empty when nothing supervises the helpers (services mode,
    where the platform restarts them) or the file is not readable."""
    try:
        status = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return status if isinstance(status, dict) else {}
