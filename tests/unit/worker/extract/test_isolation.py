"""run_isolated: extraction in a child process that a hostile file cannot take down with us."""

import pytest

from casework.evidence import DOCX, PDF, TEXT
from tests import hazards
from tests.fixtures import complaint_pdf
from worker.extract import ExtractionError, extract, run_isolated


def test_the_child_returns_what_extract_returns():
    assert run_isolated(PDF, complaint_pdf(), 60, 2048) == extract(PDF, complaint_pdf())


def test_a_reason_crosses_the_process_boundary_intact():
    with pytest.raises(ExtractionError) as in_process:
        extract(DOCX, hazards.xxe_docx())
    with pytest.raises(ExtractionError) as isolated:
        run_isolated(DOCX, hazards.xxe_docx(), 60, 2048)
    assert str(isolated.value) == str(in_process.value)


def test_a_slow_file_is_stopped_at_the_time_limit():
    with pytest.raises(ExtractionError, match=r"^timed out: reading the file took more than 1 s"):
        run_isolated(PDF, hazards.slow_pdf(), time_limit_s=1, memory_limit_mb=2048)
    # The worker's next file is read as if nothing had happened.
    assert run_isolated(PDF, complaint_pdf(), 60, 2048).pages


def test_a_file_that_needs_too_much_memory_is_stopped():
    # 120 MB of text decodes to more than the child's 300 MB of address space allows.
    with pytest.raises(ExtractionError, match="^too large: .* 300 MB of memory"):
        run_isolated(TEXT, b"a" * 120 * 1024 * 1024, time_limit_s=60, memory_limit_mb=300)


def serve(monkeypatch, reader, time_limit_s=10):
    """The fork server's handling of one request, with a stand-in for the extractors."""
    from worker.extract import fork_server

    monkeypatch.setattr(fork_server, "extract", reader)
    request = {"media_type": PDF, "depth": 0, "time_limit_s": time_limit_s,
               "memory_limit_mb": 8192}
    header, _ = fork_server.serve(request, b"%PDF-")
    return header


def test_a_reader_that_crashes_costs_one_file(monkeypatch):
    import os
    import signal

    # SIGKILL is what the kernel sends a process that exhausts the machine's memory.
    header = serve(monkeypatch, lambda *_args, **_kwargs: os.kill(os.getpid(), signal.SIGKILL))
    assert header == {"outcome": "error", "reason": (
        "too large: the reader stopped (SIGKILL), most likely out of the 8192 MB of memory allowed"
    )}


def test_a_reader_that_hangs_is_killed_with_everything_it_started(monkeypatch):
    import subprocess
    import time

    def hang(*_args, **_kwargs):
        subprocess.Popen(["sleep", "60"])  # stands for Tesseract, started by the reader
        time.sleep(60)

    started = time.monotonic()
    header = serve(monkeypatch, hang, time_limit_s=0.5)
    assert header == {
        "outcome": "error", "reason": "timed out: reading the file took more than 0.5 s",
    }
    assert time.monotonic() - started < 5
