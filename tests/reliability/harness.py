"""What the fault scenarios share: servers we can stop, a real web server, worker memory,
the files of an ingest, and the count of what was lost or duplicated afterwards."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import requests
from minio import Minio
from sqlalchemy import func, select, text

from commands.sample_files import text_docx, text_pdf
from storage.models import AuditEvent, Evidence, EvidenceEntity, EvidenceEvent, EvidencePage
from tests.servers import LOOPBACK, S3Endpoint, free_port, wait_for_port
from vocabulary import EvidenceStatus

REPO = Path(__file__).resolve().parents[2]
TERMINAL = {EvidenceStatus.PROCESSED, EvidenceStatus.FAILED, EvidenceStatus.DUPLICATE}


# --- The web server, as users reach it -------------------------------------------------------


class WebServer:
    """The app served by waitress in its own process (tests/reliability/serve.py)."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.port = free_port()
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        self._log = log_path.open("wb")
        self.log_path = log_path
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.serve", str(self.port)],
            cwd=REPO, env=clean | env, stdout=self._log, stderr=subprocess.STDOUT,
        )
        wait_for_port(LOOPBACK, self.port, timeout=60, process=self.process,
                      log_path=log_path)
        self.url = f"http://{LOOPBACK}:{self.port}/api/v1"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()


class ApiClient:
    """One investigator's calls to the web server's API."""

    def __init__(self, base_url: str, token: str) -> None:
        self.base_url = base_url
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {token}"

    def create_case(self) -> int:
        response = self.http.post(f"{self.base_url}/cases", json={
            "complainant_name": "Mrs Ada Example", "organisation_name": "Riverside Surgery",
            "summary": "Files sent while things went wrong."}, timeout=30)
        response.raise_for_status()
        return response.json()["id"]

    def upload(self, case_id: int, name: str, content: bytes) -> requests.Response:
        return self.http.post(f"{self.base_url}/cases/{case_id}/evidence",
                              files={"file": (name, content)}, timeout=60)

    def retry(self, evidence_id: int) -> requests.Response:
        return self.http.post(f"{self.base_url}/evidence/{evidence_id}/retry", timeout=30)


# --- Worker memory ---------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            with contextlib.suppress(OSError, IndexError):
                stat = Path(f"/proc/{entry}/stat").read_text()
                # The command name in brackets may hold spaces: fields count from after it.
                if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
    return found


def tree_rss_bytes(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        with contextlib.suppress(OSError, ValueError):
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        pending.extend(_children(current))
    return total


class MemorySampler:
    """Samples the worker trees it is given, in a thread; keeps the peak of their sum."""

    def __init__(self, pids: Callable[[], list[int]], every: float = 0.25) -> None:
        self._pids, self._every = pids, every
        self.peak_bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_bytes = max(self.peak_bytes, sum(map(tree_rss_bytes, self._pids())))
            self._stop.wait(self._every)

    def __enter__(self) -> MemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mib(self) -> float:
        return round(self.peak_bytes / 2**20, 1)


# --- The files of an ingest, each with what processing it must yield --------------------------


@dataclass(frozen=True)
class IngestFile:
    name: str
    content: bytes
    # Files found inside it (email attachments, zip members) that must become evidence.
    children: int = 0


def ingest_files(count: int, tag: str) -> list[IngestFile]:
    """`count` distinct small files: PDFs, Word files, emails with an attachment, zips of two.

    Every file's bytes are unique (a repeated file would be linked, not processed), and so is
    every file inside one.
    """
    files = []
    for number in range(count):
        line = f"Reliability {tag} file {number}: the surgery cancelled on 4 February 2026."
        kind = number % 10
        if kind < 5:
            files.append(IngestFile(f"letter-{number}.pdf",
                                    text_pdf([[line], [f"Page two of {number}."]])))
        elif kind < 8:
            files.append(IngestFile(f"response-{number}.docx", text_docx([line])))
        elif kind == 8:
            files.append(IngestFile(f"email-{number}.eml", _email(number, line), children=1))
        else:
            files.append(IngestFile(f"bundle-{number}.zip", _zip(number, line), children=2))
    return files


def _email(number: int, line: str) -> bytes:
    message = EmailMessage()
    message["From"] = "Jane Smith <jane@example.org>"
    message["To"] = "Casework <cases@ombudsman.example>"
    message["Subject"] = f"Complaint {number}"
    message.set_content(line)
    message.add_attachment(text_pdf([[f"Attachment of email {number}."]]), "application",
                           "pdf", filename=f"attachment-{number}.pdf")
    return message.as_bytes()


def _zip(number: int, line: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"member-{number}.pdf", text_pdf([[line]]))
        archive.writestr(f"notes-{number}.txt", f"Notes for bundle {number}.")
    return out.getvalue()


# --- Counting the outcome --------------------------------------------------------------------


@dataclass
class Outcome:
    """Where every file of a scenario ended, and every sign of work done twice."""

    lost: list[str] = field(default_factory=list)
    duplicated: list[str] = field(default_factory=list)
    failed: dict[int, str] = field(default_factory=dict)

    def summary(self) -> str:
        return f"lost: {self.lost[:10]}; duplicated: {self.duplicated[:10]}"


def unfinished(session, evidence_ids: list[int]) -> list[int]:
    """The files (and the files found inside them) not yet in a terminal state."""
    rows = session.execute(select(Evidence.id, Evidence.status).where(
        (Evidence.id.in_(evidence_ids)) | (Evidence.parent_id.in_(evidence_ids)))).all()
    return [evidence_id for evidence_id, status in rows if status not in TERMINAL]


def wait_for_terminal(sessions, evidence_ids: list[int], timeout: float,
                      alive: Callable[[], bool] = lambda: True) -> float | None:
    """Seconds until every file (and child) is terminal, or None if `timeout` passed first."""
    started = time.monotonic()
    while True:
        with sessions() as session:
            waiting = unfinished(session, evidence_ids)
        if not waiting:
            return round(time.monotonic() - started, 1)
        if time.monotonic() - started > timeout or not alive():
            return None
        time.sleep(0.5)


def count_outcome(storage, s3: S3Endpoint | None, uploaded: dict[int, IngestFile],
                  rejected: list[str]) -> Outcome:
    """Lost: an upload refused or never answered, a file or child not terminal, a child that
    never appeared. Duplicated: pages, entities, events, search rows, children, audit
    "processed" events or derived objects beyond one per file."""
    outcome = Outcome(lost=list(rejected))
    ids = list(uploaded)
    with storage.sessions() as session:
        parents = {e.id: e for e in session.scalars(select(Evidence).where(Evidence.id.in_(ids)))}
        children = list(session.scalars(select(Evidence).where(Evidence.parent_id.in_(ids))))
        everything = [*parents.values(), *children]
        for evidence in everything:
            if evidence.status not in TERMINAL:
                outcome.lost.append(f"{evidence.filename} ({evidence.status.value})")
            elif evidence.status is EvidenceStatus.FAILED:
                outcome.failed[evidence.id] = evidence.error or ""
        for evidence_id, file in uploaded.items():
            parent = parents.get(evidence_id)
            if parent is None:
                outcome.lost.append(f"{file.name} (no row)")
                continue
            found = [c for c in children if c.parent_id == evidence_id]
            if parent.status is EvidenceStatus.PROCESSED and len(found) < file.children:
                outcome.lost.append(f"{file.name}: {len(found)} of {file.children} inside")
            if len(found) > file.children:
                outcome.duplicated.append(f"{file.name}: {len(found)} files inside, "
                                          f"not {file.children}")
        every_id = [e.id for e in everything]
        outcome.duplicated += _duplicate_rows(session, everything, every_id)
    if s3 is not None:
        outcome.duplicated += _duplicate_objects(s3, everything)
    return outcome


def _duplicate_rows(session, everything: list[Evidence], every_id: list[int]) -> list[str]:
    found = []
    pages = dict(session.execute(select(EvidencePage.evidence_id, func.count())
                                 .where(EvidencePage.evidence_id.in_(every_id))
                                 .group_by(EvidencePage.evidence_id)).all())
    for evidence in everything:
        stored = pages.get(evidence.id, 0)
        expected = evidence.page_count if evidence.status is EvidenceStatus.PROCESSED else 0
        if stored > (expected or 0):
            found.append(f"{evidence.filename}: {stored} page rows for {expected} pages")
    for model, columns in ((EvidenceEntity, ("label", "text", "page", "start")),
                           (EvidenceEvent, ("date", "text", "page"))):
        keys = [getattr(model, c) for c in columns]
        repeated = session.execute(
            select(model.evidence_id, *keys, func.count()).where(model.evidence_id.in_(every_id))
            .group_by(model.evidence_id, *keys).having(func.count() > 1)).all()
        found += [f"{model.__tablename__} of evidence {row[0]}: {row[-1]} copies"
                  for row in repeated]
    processed_events = session.execute(
        select(AuditEvent.subject_id, func.count()).where(
            AuditEvent.action == "evidence.processed", AuditEvent.subject_type == "evidence",
            AuditEvent.subject_id.in_(every_id))
        .group_by(AuditEvent.subject_id).having(func.count() > 1)).all()
    found += [f"evidence {row[0]} processed {row[1]} times" for row in processed_events]
    if session.bind.dialect.name == "sqlite":  # PostgreSQL searches the page rows themselves
        search_rows = session.execute(text(
            "SELECT p.evidence_id, count(*) FROM evidence_pages_fts f "
            "JOIN evidence_pages p ON p.id = f.rowid GROUP BY p.evidence_id")).all()
        found += [f"search rows of evidence {evidence_id}: {count} for {pages.get(evidence_id)}"
                  for evidence_id, count in search_rows
                  if evidence_id in pages and count > pages[evidence_id]]
    return found


def _duplicate_objects(s3: S3Endpoint, everything: list[Evidence]) -> list[str]:
    """Derived objects are named by the file's hash: anything under derived/ for these files
    beyond one page-text object each is a second copy. (Page images sit in a folder of their
    own there, named by page: a second run writes the same names again.)"""
    minio = Minio(s3.endpoint, access_key=s3.access_key, secret_key=s3.secret_key,
                  secure=s3.secure, region=s3.region)
    hashes = {e.sha256 for e in everything}
    derived: dict[str, int] = {}
    for item in minio.list_objects(s3.bucket, prefix="derived/", recursive=True):
        parts = item.object_name.split("/")
        sha256 = parts[2]
        if sha256 in hashes and parts[3:4] != ["pages"]:
            derived[sha256] = derived.get(sha256, 0) + 1
    return [f"derived/{sha256}: {count} objects" for sha256, count in derived.items()
            if count > 1]
