"""`casework run`'s helper processes (the worker, the schedule) kept running: one that dies
is started again, after a wait that doubles while it keeps dying, and each restart is
recorded in a small JSON file the web can show (Settings.helper_status_file; its format is
wiring/_helper_status.py).
"""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from wiring import write_helper_status

FIRST_WAIT_SECONDS = 1.0
LONGEST_WAIT_SECONDS = 60.0
# A helper that stayed up this long was not in a restart loop: its next wait starts over.
STEADY_SECONDS = 60.0


@dataclass
class Helper:
    name: str
    command: Sequence[str]
    process: subprocess.Popen | None = None
    started_at: float = 0.0
    wait: float = FIRST_WAIT_SECONDS
    restart_due: float | None = None
    restarts: int = 0
    last_exit: int | None = None
    stopped_at: str | None = None
    restarted_at: str | None = None


class Supervisor:
    """Starts each command and, from a thread of its own, restarts any that exits."""

    def __init__(self, commands: dict[str, Sequence[str]], status_file: Path, *,
                 echo: Callable[[str], None] = print, env: dict[str, str] | None = None,
                 first_wait: float = FIRST_WAIT_SECONDS,
                 longest_wait: float = LONGEST_WAIT_SECONDS,
                 steady: float = STEADY_SECONDS) -> None:
        self.helpers = [Helper(name, list(command), wait=first_wait)
                        for name, command in commands.items()]
        self.status_file, self.echo, self.env = status_file, echo, env
        self.first_wait, self.longest_wait, self.steady = first_wait, longest_wait, steady
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="supervisor", daemon=True)
        self._lock = threading.Lock()

    def start(self) -> None:
        for helper in self.helpers:
            self._launch(helper)
        self._write_status()
        self._thread.start()

    def stop(self, timeout: float = 20.0) -> None:
        """Stop watching, then ask each helper to stop; kill those that do not."""
        self._stopping.set()
        if self._thread.is_alive():
            self._thread.join()
        running = [h.process for h in self.helpers if h.process and h.process.poll() is None]
        for process in running:
            process.terminate()
        for process in running:
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def pid(self, name: str) -> int | None:
        with self._lock:
            helper = next(h for h in self.helpers if h.name == name)
            return helper.process.pid if helper.process else None

    def check(self, now: float) -> None:
        """Notice helpers that exited, and restart those whose wait is over."""
        changed = False
        with self._lock:
            for helper in self.helpers:
                if helper.restart_due is None:
                    code = helper.process.poll()
                    if code is None:
                        continue
                    if now - helper.started_at >= self.steady:
                        helper.wait = self.first_wait
                    helper.last_exit, helper.restart_due = code, now + helper.wait
                    helper.stopped_at = _now()
                    changed = True
                    self.echo(f"the {helper.name} stopped (exit {code}); starting it again in "
                              f"{helper.wait:g} s")
                    helper.wait = min(helper.wait * 2, self.longest_wait)
                elif now >= helper.restart_due:
                    self._launch(helper)
                    helper.restarts += 1
                    helper.restarted_at = _now()
                    self.echo(f"the {helper.name} started again (pid {helper.process.pid}, "
                              f"restart {helper.restarts})")
                    changed = True
        if changed:
            self._write_status()

    def _launch(self, helper: Helper) -> None:
        helper.process = subprocess.Popen(helper.command, env=self.env)
        helper.started_at, helper.restart_due = time.monotonic(), None

    def _watch(self) -> None:
        while not self._stopping.wait(0.2):
            self.check(time.monotonic())

    def _write_status(self) -> None:
        with self._lock:
            status = {h.name: {"pid": h.process.pid if h.process else None,
                               "running": h.restart_due is None, "restarts": h.restarts,
                               "last_exit": h.last_exit, "stopped_at": h.stopped_at,
                               "restarted_at": h.restarted_at} for h in self.helpers}
        write_helper_status(self.status_file, status)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
