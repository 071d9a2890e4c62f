"""The warm LibreOffice: converts, survives being killed, hanging or a conversion interrupted,
serialises its callers, leaves nothing behind at exit, and gives way to a cold conversion
where it cannot start."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pypdfium2
import pytest

from casework.decisions import (
    DECISION_TEMPLATE,
    ConversionUnavailable,
    WarmOffice,
    docx_to_pdf,
    office_program,
    render_docx,
    sample_context,
)

pytestmark = pytest.mark.integration

REFERENCE = sample_context()["reference"]


def missing(message: str):
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def program() -> str:
    found = office_program()
    if found is None:
        missing("LibreOffice is not installed (Debian package: libreoffice-writer-nogui)")
    return found


@pytest.fixture(scope="module")
def decision() -> bytes:
    return render_docx(DECISION_TEMPLATE, sample_context())


@pytest.fixture(scope="module")
def office(program, decision):
    warm = WarmOffice(program)
    try:
        docx_to_pdf(decision, office=warm)
        if warm.office_pid is None:
            missing("the warm LibreOffice cannot start here (Debian package: python3-uno)")
        yield warm
    finally:
        warm.close()


def pdf_text(pdf: bytes) -> str:
    assert pdf.startswith(b"%PDF")
    return "".join(page.get_textpage().get_text_range() for page in pypdfium2.PdfDocument(pdf))


def is_running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except FileNotFoundError:
        return False


def gone_within(pid: int, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while is_running(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not is_running(pid)


def test_the_warm_office_converts_the_decision(office, decision):
    pid = office.office_pid
    text = pdf_text(docx_to_pdf(decision, office=office))
    assert REFERENCE in text and "Provisional decision" in text
    assert office.office_pid == pid and is_running(pid)


def test_a_killed_office_is_started_again(office, decision):
    docx_to_pdf(decision, office=office)
    killed = office.office_pid
    os.kill(killed, signal.SIGKILL)
    assert REFERENCE in pdf_text(docx_to_pdf(decision, office=office))
    assert office.office_pid not in (None, killed)


def test_a_hung_office_fails_within_its_limit_and_the_next_call_works(office, decision):
    docx_to_pdf(decision, office=office)
    stopped = office.office_pid
    os.kill(stopped, signal.SIGSTOP)
    try:
        with pytest.raises(ConversionUnavailable, match="within 2 s"):
            docx_to_pdf(decision, timeout_s=2, office=office)
        assert gone_within(stopped, 5)
    finally:
        if is_running(stopped):
            os.kill(stopped, signal.SIGKILL)
    assert REFERENCE in pdf_text(docx_to_pdf(decision, office=office))
    assert office.office_pid not in (None, stopped)


class Interrupted(Exception):
    """Raised from a signal handler, as Celery's soft time limit is."""


def test_a_conversion_interrupted_mid_way_stops_the_office_and_the_next_works(office,
                                                                              decision):
    docx_to_pdf(decision, office=office)
    stopped = office.office_pid
    os.kill(stopped, signal.SIGSTOP)  # so that the interruption finds the request unanswered

    def interrupt(_signal, _frame):
        raise Interrupted

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, 1.0)
    try:
        with pytest.raises(Interrupted):
            docx_to_pdf(decision, timeout_s=30, office=office)
        assert gone_within(stopped, 5)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if is_running(stopped):
            os.kill(stopped, signal.SIGKILL)
    # A fresh office answers the next document, not the interrupted one's late reply.
    assert REFERENCE in pdf_text(docx_to_pdf(decision, timeout_s=30, office=office))
    assert office.office_pid not in (None, stopped)


def test_concurrent_callers_take_turns(office, decision):
    with ThreadPoolExecutor(max_workers=4) as pool:
        pdfs = list(pool.map(lambda _: docx_to_pdf(decision, office=office), range(4)))
    assert all(REFERENCE in pdf_text(pdf) for pdf in pdfs)


def test_without_a_uno_bridge_the_document_converts_cold(program, decision):
    if importlib.util.find_spec("uno") is not None:
        pytest.skip("this python has the UNO bridge, so it cannot stand for one without")
    without_bridge = WarmOffice(program, python=sys.executable)
    assert REFERENCE in pdf_text(docx_to_pdf(decision, office=without_bridge))
    assert without_bridge.office_pid is None


def test_no_office_is_left_running_after_the_process_exits(office):
    # The office fixture proved the warm office starts here; this one belongs to a child.
    script = (
        "from casework.decisions import DECISION_TEMPLATE, docx_to_pdf, office_program, "
        "render_docx, sample_context, warm_office; "
        "d = render_docx(DECISION_TEMPLATE, sample_context()); "
        "docx_to_pdf(d); print(warm_office(office_program()).office_pid)"
    )
    child = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           timeout=60, check=True)
    pid = int(child.stdout.strip())
    assert gone_within(pid, 5)
