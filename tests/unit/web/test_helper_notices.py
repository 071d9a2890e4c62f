"""The notice staff see when `casework run` had to start its worker or schedule again, read
from the status file the supervisor writes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from casework.users import create_user
from wiring import write_helper_status

STOPPED = "The evidence worker stopped at"


def status(settings, *, running: bool, restarted_hours_ago: float | None, restarts=1):
    stopped = datetime.now(UTC) - timedelta(hours=(restarted_hours_ago or 0) + 0.01)
    restarted = (None if restarted_hours_ago is None
                 else datetime.now(UTC) - timedelta(hours=restarted_hours_ago))
    write_helper_status(settings.helper_status_file, {
        "worker": {"pid": 1, "running": running, "restarts": restarts, "last_exit": -9,
                   "stopped_at": stopped.isoformat(),
                   "restarted_at": restarted.isoformat() if restarted else None},
        "beat": {"pid": 2, "running": True, "restarts": 0, "last_exit": None,
                 "stopped_at": None, "restarted_at": None}})


def test_no_notice_while_nothing_stopped_or_nothing_supervises(client, auth, settings):
    auth.login()
    assert STOPPED not in client.get("/cases/").text  # no status file: services mode
    status(settings, running=True, restarted_hours_ago=2)  # long since back
    assert STOPPED not in client.get("/cases/").text


def test_a_worker_that_is_down_or_came_back_lately_is_said(client, auth, settings):
    auth.login()
    status(settings, running=False, restarted_hours_ago=None)
    page = client.get("/cases/").text
    assert "is being started again: files wait, queued, until it is back." in page

    status(settings, running=True, restarted_hours_ago=0.1, restarts=3)
    page = client.get("/cases/").text
    assert STOPPED in page and "was started again at" in page
    assert "(3 restarts since the service started)" in page
    assert "The schedule" not in page


def test_organisations_are_not_told_of_the_worker(client, auth, db, settings):
    create_user(db, "org@example.org", "a-long-password", "organisation", "A Trust")
    db.commit()
    status(settings, running=False, restarted_hours_ago=None)
    auth.login(("org@example.org", "a-long-password"))
    page = client.get("/", follow_redirects=True)
    assert page.status_code == 200 and STOPPED not in page.text


def test_a_damaged_status_file_shows_nothing(client, auth, settings):
    settings.helper_status_file.parent.mkdir(parents=True, exist_ok=True)
    settings.helper_status_file.write_text('{"worker": "half a')
    auth.login()
    response = client.get("/cases/")
    assert response.status_code == 200 and STOPPED not in response.text
