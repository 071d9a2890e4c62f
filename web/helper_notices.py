"""The notice at the top of staff pages when `casework run` had to start its worker or its
schedule again: files wait while the worker is down, and an investigator should know why."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from flask import has_request_context
from flask_login import current_user

from casework.formats import uk_moment
from casework.permissions import can_read_cases
from web.runtime import get_settings
from wiring import read_helper_status

# A restart stays on the page this long: long enough to explain a file that took a while.
SHOWN_FOR = timedelta(hours=1)
WHAT = {"worker": ("The evidence worker", "files wait, queued, until it is back"),
        "beat": ("The schedule", "reminders and checks for lost files wait until it is back")}


def helper_notices() -> dict:
    """`helper_notices` for the layout: one sentence per helper that is down or came back
    within SHOWN_FOR, for staff only (an organisation has no files processed)."""
    user = getattr(current_user, "user", None) if has_request_context() else None
    if user is None or not can_read_cases(user):
        return {"helper_notices": []}
    status = read_helper_status(get_settings().helper_status_file)
    now = datetime.now(UTC)
    notices = []
    for name, (who, waiting) in WHAT.items():
        helper = status.get(name)
        if not isinstance(helper, dict) or not helper.get("stopped_at"):
            continue
        stopped = _moment(helper["stopped_at"])
        restarted = _moment(helper.get("restarted_at"))
        if stopped is None:
            continue
        if not helper.get("running", True) or restarted is None or restarted < stopped:
            notices.append(f"{who} stopped at {uk_moment(stopped)} and is being started "
                           f"again: {waiting}.")
        elif now - restarted <= SHOWN_FOR:
            times = helper.get("restarts", 1)
            notices.append(f"{who} stopped at {uk_moment(stopped)} and was started again "
                           f"at {uk_moment(restarted)} ({times} restart"
                           f"{'s' if times != 1 else ''} since the service started); "
                           "files it was working on are taken up again.")
    return {"helper_notices": notices}


def _moment(text) -> datetime | None:
    try:
        return datetime.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None
