"""The extraction fork server: `python -m worker.extract.fork_server`, started by isolation.py.

It imports every extractor once, then for each request read from stdin forks a child that
sets its own limits and reads the file, and writes the outcome to stdout. The server is
single-threaded, so forking it is safe, and a fresh child per file means no state, leak or
damage carries from one file to the next. The server, not its client, keeps the wall clock:
at the time limit it kills the child's whole process group, Tesseract included.

Requests and answers are frames (wire.py). A request's header holds media_type, depth,
time_limit_s and memory_limit_mb, and "task": "render" for page images, its payload the file.
An answer is an extraction frame (or a page images frame), or
{"outcome": "error", "reason": ...}.
"""

from __future__ import annotations

import os
import resource
import select
import shutil
import signal
import sys
import tempfile
import time

from worker.extract import extract
from worker.extract.errors import ExtractionError
from worker.extract.page_images import render_pages
from worker.extract.wire import (
    RENDER,
    decode_frame,
    extraction_to_frame,
    page_images_to_frame,
    read_frame,
    write_frame,
)

_READ_CHUNK = 1024 * 1024


def main() -> None:
    """Answer requests from stdin until the client closes it."""
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    # Anything printed by a library would corrupt the frames: stdout is for answers only.
    sys.stdout = sys.stderr
    # Ctrl-C in a terminal reaches the whole process group; the client decides, and the
    # server ends when the client closes its stdin.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    while (request := read_frame(requests)) is not None:
        header, content = request
        write_frame(answers, *serve(header, content))


def serve(request: dict, content: bytes) -> tuple[dict, bytes]:
    """Extract in a forked child under the request's limits; the child's answer or a reason."""
    time_limit_s = float(request["time_limit_s"])
    memory_limit_mb = int(request["memory_limit_mb"])
    # The child's temporary files (LibreOffice's profile and conversions) go in a folder the
    # server removes once the child has gone, even when the wall clock killed it.
    scratch = tempfile.mkdtemp(prefix="casework-extract-")
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(reader)
        tempfile.tempdir = scratch
        _child(writer, request, content)
    os.close(writer)
    answer, timed_out = _collect(reader, time_limit_s)
    os.close(reader)
    if timed_out:
        _kill_group(pid)
    _, status = os.waitpid(pid, 0)
    shutil.rmtree(scratch, ignore_errors=True)
    if timed_out:
        doing = "rendering the pages" if request.get("task") == RENDER else "reading the file"
        return _error(f"timed out: {doing} took more than {time_limit_s:g} s")
    try:
        return decode_frame(answer)
    except ValueError:
        return _error(_death_reason(os.waitstatus_to_exitcode(status), memory_limit_mb))


def _child(writer: int, request: dict, content: bytes) -> None:
    code = 0
    try:
        os.setsid()  # a process group of its own, Tesseract included, to kill as one
        os.dup2(2, 1)  # stray output goes to the log, never into the server's answers
        limit = int(request["memory_limit_mb"]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # no core dumps of evidence
        with os.fdopen(writer, "wb") as stream:
            header, payload = _outcome(request, content)
            try:
                write_frame(stream, header, payload)
            except MemoryError:  # encoding a huge result: nothing has been written yet
                write_frame(stream, *_memory_error(request))
    except BaseException:  # nothing may escape into a copy of the server's loop
        code = 1
    finally:
        os._exit(code)


def _outcome(request: dict, content: bytes) -> tuple[dict, bytes]:
    try:
        if request.get("task") == RENDER:
            return page_images_to_frame(render_pages(request["media_type"], content))
        extraction = extract(request["media_type"], content, depth=int(request["depth"]))
        return extraction_to_frame(extraction)
    except ExtractionError as error:
        return _error(str(error))
    except MemoryError:
        return _memory_error(request)


def _collect(reader: int, time_limit_s: float) -> tuple[bytes, bool]:
    """Everything the child writes, until it closes the pipe or the time is up."""
    deadline = time.monotonic() + time_limit_s
    chunks = []
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return b"", True
        ready, _, _ = select.select([reader], [], [], remaining)
        if not ready:
            return b"", True
        chunk = os.read(reader, _READ_CHUNK)
        if not chunk:
            return b"".join(chunks), False
        chunks.append(chunk)


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        os.kill(pid, signal.SIGKILL)  # it had not yet made its own process group


def _death_reason(exitcode: int, memory_limit_mb: int) -> str:
    # Native code (pdfium, lxml, Tesseract) that cannot allocate aborts the process rather than
    # raising, so a child killed by a signal has most often hit its memory limit.
    if exitcode < 0:
        name = signal.Signals(-exitcode).name
        return (
            f"too large: the reader stopped ({name}), most likely out of the "
            f"{memory_limit_mb} MB of memory allowed"
        )
    return f"damaged: the reader stopped without a result (exit code {exitcode})"


def _memory_error(request: dict) -> tuple[dict, bytes]:
    return _error(
        f"too large: reading the file needed more than the {request['memory_limit_mb']} MB "
        "of memory allowed"
    )


def _error(reason: str) -> tuple[dict, bytes]:
    return {"outcome": "error", "reason": reason}, b""


if __name__ == "__main__":
    main()
