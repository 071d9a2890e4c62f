"""One warm LibreOffice per process, for PDF conversion: started on first use, restarted when
it dies or hangs, stopped at exit.

Starting LibreOffice costs most of a conversion (about 2 s cold against 0.2 s warm). We keep
one office listening on a pipe and drive it over UNO through `_uno_bridge.py`, a script run
by the python that has Debian's `uno` module (python3-uno, built for the system's python, so
the service's virtual environment cannot import it). A small script of our own over JSON
lines was chosen over the `unoserver` package: nothing to install into the system python,
and the pid of the office is ours to kill. The bridge and the office share a process group
of their own, which is what we kill: nothing is left behind.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import shutil
import signal
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

from casework.office import office_binary

BRIDGE_SCRIPT = Path(__file__).with_name("_uno_bridge.py")
# A cold start of LibreOffice on a new profile takes a few seconds; this is its limit.
START_TIMEOUT_S = 60
# After a failed start, conversions go the cold way for a while before the next try.
RETRY_START_AFTER_S = 60


class OfficeNotStarted(Exception):
    """The warm office cannot start here (no UNO bridge, no LibreOffice): convert cold."""


class OfficeFailed(Exception):
    """The warm office did not convert the document (hung, stopped, or refused it)."""


class _BridgeGone(Exception):
    """The bridge or its office stopped between or during requests: start again."""


def uno_python(office_binary: str) -> str | None:
    """A python that has LibreOffice's UNO module: the office's own (LibreOffice's builds
    ship one beside soffice.bin), else the system's (Debian's python3-uno)."""
    for candidate in (Path(office_binary).with_name("python"), Path("/usr/bin/python3")):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def pipe_socket_path(pipe_name: str) -> Path:
    """Where LibreOffice's runtime puts the socket of a named UNO pipe (always /tmp)."""
    return Path("/tmp") / f"OSL_PIPE_{os.getuid()}_{pipe_name}"


class WarmOffice:
    """A long-lived LibreOffice; one conversion at a time (one UNO connection)."""

    def __init__(self, program: str, python: str | None = None) -> None:
        self.binary = office_binary(program)
        self.python = python or uno_python(self.binary)
        self.office_pid: int | None = None
        self._lock = threading.Lock()
        self._bridge: subprocess.Popen | None = None
        self._folder: Path | None = None
        self._pipe_name = ""
        self._pending = b""
        self._not_before = 0.0
        # A forked child (a prefork worker) inherits this object and the pipes to its
        # parent's bridge: it starts an office of its own and never stops its parent's.
        self._owner = os.getpid()
        atexit.register(self.close)

    def convert(self, source: Path, target: Path, timeout_s: float) -> None:
        """Write the PDF of `source` to `target` within `timeout_s` seconds of conversion
        (a first start of the office has START_TIMEOUT_S of its own)."""
        if not self._lock.acquire(timeout=timeout_s):
            raise OfficeFailed(f"LibreOffice was busy for {timeout_s} s with other documents")
        # One limit for the document, however many times the office is started for it.
        deadline = time.monotonic() + timeout_s
        try:
            for attempt in (1, 2):
                self._ensure_started()
                try:
                    return self._request(source, target, deadline, timeout_s)
                except _BridgeGone:
                    self._stop()
                    if attempt == 2:
                        raise OfficeFailed("LibreOffice stopped during the conversion") from None
                except OfficeFailed:
                    raise  # answered, or already stopped: the bridge is ready for the next
                except BaseException:
                    # Interrupted mid-request (a worker's time limit): the bridge's next line
                    # would answer this document, not the next one. Started afresh next time.
                    self._stop()
                    raise
        finally:
            self._lock.release()

    def close(self) -> None:
        """Stop the office: gently (the bridge ends it when its stdin closes), then for sure."""
        if self._bridge is None or self._owner != os.getpid():
            return
        try:
            self._bridge.stdin.close()
            self._bridge.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass  # killed below, with the rest of its group
        self._stop()

    def _ensure_started(self) -> None:
        if self._owner != os.getpid():
            if self._bridge is not None:
                # Our copies only: the parent's bridge must still see its stdin close.
                self._bridge.stdin.close()
                self._bridge.stdout.close()
            self._bridge, self.office_pid, self._folder = None, None, None
            self._owner = os.getpid()
        if self._bridge is not None and self._bridge.poll() is None:
            return
        self._stop()
        if time.monotonic() < self._not_before:
            raise OfficeNotStarted("the warm LibreOffice failed to start a moment ago")
        try:
            self._start()
        except OfficeNotStarted:
            self._stop()
            self._not_before = time.monotonic() + RETRY_START_AFTER_S
            raise

    def _start(self) -> None:
        if self.python is None:
            raise OfficeNotStarted("no python with LibreOffice's UNO bridge (python3-uno)")
        self._folder = Path(tempfile.mkdtemp(prefix="casework-office-"))
        # A profile and pipe of its own: never shared with another process or a user's office.
        profile = (self._folder / "profile").as_uri()
        pipe_name = self._pipe_name = f"casework-office-{uuid.uuid4().hex}"
        try:
            with open(self._folder / "office.log", "wb") as log:
                self._bridge = subprocess.Popen(
                    [self.python, str(BRIDGE_SCRIPT), self.binary, profile, pipe_name],
                    stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, bufsize=0,
                    start_new_session=True)
        except OSError as error:
            raise OfficeNotStarted(f"could not run {self.python}: {error}") from None
        self._pending = b""
        try:
            ready = self._read_reply(time.monotonic() + START_TIMEOUT_S)
        except (TimeoutError, _BridgeGone):
            raise OfficeNotStarted(
                f"LibreOffice did not start within {START_TIMEOUT_S} s") from None
        if not ready.get("ready"):
            raise OfficeNotStarted(ready.get("error", "the UNO bridge did not start"))
        self.office_pid = ready["office_pid"]

    def _request(self, source: Path, target: Path, deadline: float, timeout_s: float) -> None:
        request = json.dumps({"source": str(source), "target": str(target)}) + "\n"
        try:
            self._bridge.stdin.write(request.encode())
        except OSError:
            raise _BridgeGone from None
        try:
            reply = self._read_reply(deadline)
        except TimeoutError:
            # Hung: killed now, started again on the next call.
            self._stop()
            raise OfficeFailed(f"LibreOffice did not finish the PDF within {timeout_s} s") from None
        if reply.get("office_gone"):
            raise _BridgeGone
        if not reply.get("ok"):
            raise OfficeFailed(f"LibreOffice could not convert the document: {reply.get('error')}")

    def _read_reply(self, deadline: float) -> dict:
        """The bridge's next JSON line, or TimeoutError at the deadline; _BridgeGone at EOF."""
        stream = self._bridge.stdout.fileno()
        while b"\n" not in self._pending:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            readable, _, _ = select.select([stream], [], [], remaining)
            if not readable:
                continue
            chunk = os.read(stream, 65536)
            if not chunk:
                raise _BridgeGone
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return json.loads(line)

    def _stop(self) -> None:
        """Kill the bridge's process group (the bridge and its office) and forget them."""
        bridge, self._bridge, self.office_pid = self._bridge, None, None
        if bridge is not None:
            with contextlib.suppress(ProcessLookupError):  # the group has already gone
                os.killpg(bridge.pid, signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                bridge.wait(timeout=5)  # SIGKILL cannot be refused; this only reaps it
            for stream in (bridge.stdin, bridge.stdout):
                stream.close()
        if self._folder is not None:
            shutil.rmtree(self._folder, ignore_errors=True)
            self._folder = None
        if self._pipe_name:
            # A killed office leaves its pipe's socket behind in /tmp.
            pipe_socket_path(self._pipe_name).unlink(missing_ok=True)
            self._pipe_name = ""
