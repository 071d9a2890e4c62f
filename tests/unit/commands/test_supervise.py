"""The supervisor of `casework run`'s helpers: a real child process that exits is started
again, the waits doubling while it keeps dying, and each restart is recorded."""

from __future__ import annotations

import sys
import time

from commands.supervise import Supervisor
from wiring import read_helper_status

# Exits at once with a code of its own, as a crashing worker would.
DIES = [sys.executable, "-c", "raise SystemExit(3)"]
STAYS = [sys.executable, "-c", "import time; time.sleep(60)"]


def wait_for(condition, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "the supervisor did not get there in time"
        time.sleep(0.02)


def test_a_helper_that_dies_is_restarted_with_doubling_waits(tmp_path):
    said = []
    status_file = tmp_path / "helpers.json"
    supervisor = Supervisor({"worker": DIES}, status_file, echo=said.append,
                            first_wait=0.1, longest_wait=0.4, steady=60)
    supervisor.start()
    try:
        wait_for(lambda: read_helper_status(status_file).get("worker", {}).get("restarts", 0) >= 4)
    finally:
        supervisor.stop()

    waits = [line for line in said if "starting it again" in line]
    assert waits[:4] == [f"the worker stopped (exit 3); starting it again in {wait:g} s"
                         for wait in (0.1, 0.2, 0.4, 0.4)]
    status = read_helper_status(status_file)["worker"]
    assert status["last_exit"] == 3 and status["stopped_at"] and status["restarted_at"]
    assert any(line.startswith("the worker started again (pid ") for line in said)


def test_the_wait_starts_over_once_a_helper_stayed_up(tmp_path):
    said = []
    supervisor = Supervisor({"worker": DIES}, tmp_path / "helpers.json", echo=said.append,
                            first_wait=0.1, longest_wait=10, steady=0)
    supervisor.start()
    try:
        wait_for(lambda: len([s for s in said if "starting it again" in s]) >= 3)
    finally:
        supervisor.stop()
    # Every run counted as steady (steady=0): no doubling.
    assert {s for s in said if "starting it again" in s} == {
        "the worker stopped (exit 3); starting it again in 0.1 s"}


def test_stopping_ends_the_helpers_and_restarts_nothing(tmp_path):
    said = []
    supervisor = Supervisor({"beat": STAYS}, tmp_path / "helpers.json", echo=said.append,
                            first_wait=0.1)
    supervisor.start()
    pid = supervisor.pid("beat")
    assert read_helper_status(tmp_path / "helpers.json") == {
        "beat": {"pid": pid, "running": True, "restarts": 0, "last_exit": None,
                 "stopped_at": None, "restarted_at": None}}
    supervisor.stop()
    time.sleep(0.3)  # longer than the first wait: a restart would have happened by now
    assert supervisor.pid("beat") == pid and said == []
    assert supervisor.helpers[0].process.poll() is not None
