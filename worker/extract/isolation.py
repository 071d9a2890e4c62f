"""Extraction in a child process under a wall clock and a memory limit.

A hostile or broken file can make a parser loop for ever, recurse until the stack overflows,
allocate until the machine swaps, or crash in native code (pdfium, lxml, Tesseract). Any of
those inside the Celery worker would take the worker down with it; inside a child, it costs
one failed extraction with a reason.

Children come from a fork server (fork_server.py): a separate Python process, started on
first use by each worker process, that has imported every extractor and forks a fresh child
per file. A child starts in a few milliseconds with nothing to import. The server is a plain
subprocess, not multiprocessing, because Celery's pool processes are daemonic and may not
start multiprocessing children.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import selectors
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from worker.extract.errors import ExtractionError
from worker.extract.limits import (
    DEFAULT_MEMORY_LIMIT_MB,
    DEFAULT_TIME_LIMIT_S,
    RENDER_TIME_LIMIT_S,
)
from worker.extract.page_images import PageImages
from worker.extract.result import Extraction
from worker.extract.wire import (
    RENDER,
    extraction_from_frame,
    page_images_from_frame,
    read_frame,
    write_frame,
)

# The server keeps the time limit; this margin only catches a server that stopped answering.
_SERVER_GRACE_S = 30
_PROJECT_ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def run_isolated(
    media_type: str,
    content: bytes,
    time_limit_s: float = DEFAULT_TIME_LIMIT_S,
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB,
    *,
    depth: int = 0,
) -> Extraction:
    """`extract(media_type, content)` in a child process; its ExtractionError comes back as is.

    Raises ExtractionError("timed out: ...") past `time_limit_s` seconds and
    ExtractionError("too large: ...") when the child runs out of its `memory_limit_mb`.
    """
    request = {
        "media_type": media_type, "depth": depth,
        "time_limit_s": time_limit_s, "memory_limit_mb": memory_limit_mb,
    }
    return _answer(request, content, extraction_from_frame)


def render_isolated(
    media_type: str,
    content: bytes,
    time_limit_s: float = RENDER_TIME_LIMIT_S,
    memory_limit_mb: int = DEFAULT_MEMORY_LIMIT_MB,
) -> PageImages:
    """`render_pages(media_type, content)` in a child process, under the same kind of limits."""
    request = {
        "task": RENDER, "media_type": media_type, "depth": 0,
        "time_limit_s": time_limit_s, "memory_limit_mb": memory_limit_mb,
    }
    return _answer(request, content, page_images_from_frame)


def _answer(request: dict, content: bytes, decode: Callable[[dict, bytes], T]) -> T:
    header, payload = _SERVER.ask(request, content, request["time_limit_s"] + _SERVER_GRACE_S)
    if header.get("outcome") != "ok":
        raise ExtractionError(str(header.get("reason", "damaged: no reason given")))
    try:
        return decode(header, payload)
    except (KeyError, TypeError, ValueError) as error:
        raise ExtractionError(f"damaged: the reader's answer was malformed ({error})") from error


def start_fork_server() -> None:
    """Start the fork server now rather than with the first file, which it would delay ~0.5 s."""
    _SERVER.ensure_running()


class _ForkServer:
    """One server per worker process; threads take turns (each file is one request)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None
        self._owner_pid = 0

    def ensure_running(self) -> None:
        """Start the server unless this process already has one alive."""
        with self._lock:
            self._start_if_needed()

    def ask(self, request: dict, content: bytes, timeout_s: float) -> tuple[dict, bytes]:
        """Send one request and wait for its answer; ExtractionError if the server fails."""
        with self._lock:
            self._start_if_needed()
            try:
                write_frame(self._process.stdin, request, content)
                return self._read_answer(timeout_s)
            except (OSError, ValueError, TimeoutError) as error:
                self._stop()
                raise ExtractionError(
                    f"damaged: the extraction server stopped answering ({error})"
                ) from error
            except BaseException:
                # Interrupted mid-answer (a task time limit, a signal): the answer may still
                # be in the pipe, where the next file would read it as its own. Start afresh.
                self._stop()
                raise

    def _start_if_needed(self) -> None:
        # A process forked from ours (a Celery pool child) must not share our server's pipes.
        if self._process is not None and self._owner_pid == os.getpid():
            if self._process.poll() is None:
                return
            self._stop()
        environment = dict(os.environ)
        environment["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(_PROJECT_ROOT), environment.get("PYTHONPATH")])
        )
        self._process = subprocess.Popen(
            [sys.executable, "-m", "worker.extract.fork_server"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment,
        )
        self._owner_pid = os.getpid()

    def _read_answer(self, timeout_s: float) -> tuple[dict, bytes]:
        stdout = self._process.stdout
        with selectors.DefaultSelector() as selector:
            selector.register(stdout, selectors.EVENT_READ)
            if not selector.select(timeout_s):
                raise TimeoutError(f"no answer in {timeout_s:g} s")
        # The server writes each answer whole and at once: once it starts, it will finish.
        answer = read_frame(stdout)
        if answer is None:
            raise ValueError("the server exited")
        return answer

    def shut_down(self) -> None:
        """At exit: end of input tells the server to finish; one that does not is killed."""
        with self._lock:
            process = self._process
            if process is None or self._owner_pid != os.getpid():
                return
            process.stdin.close()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=5)
            self._stop()

    def _stop(self) -> None:
        process, self._process = self._process, None
        if process is None or self._owner_pid != os.getpid():
            return
        process.kill()
        process.wait()
        for stream in (process.stdin, process.stdout):
            stream.close()


_SERVER = _ForkServer()
atexit.register(_SERVER.shut_down)
