"""Web benchmark: concurrent clients against a real `casework run` on cases of 1,000 and
10,000 processed documents.

    python -m benchmarks.web [--sizes 1000 10000] [--clients 50] [--seconds 20]

Each size gets its own data directory (embedded mode), a case whose processed files are
written by the project's own models (two steps, two names, one page of text and one dated
event each), and a `casework run` on a free loopback port. The clients share the time between
the request kinds below, each client taking them in turn; `case (API)`, the case's own record,
is the baseline every other kind's p95 is measured against. Every request has a time limit; a
request that passes it counts as an error. Goals: every kind's p95 within 3x of the baseline's
at each size, no errors, and the largest size's p95 within 1.5x of the smallest's.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import requests

from casework.cases import create_case
from casework.users import create_token, create_user
from storage.models import Evidence, EvidenceEntity, EvidenceEvent, EvidencePage, EvidenceStep
from storage.search import index_pages
from vocabulary import DocType, EntityLabel, EvidenceStatus, StepStatus
from wiring import load_settings, storage_for

REPO = Path(__file__).resolve().parents[1]
REQUEST_TIMEOUT_S = 30
START_TIMEOUT_S = 120
WARM_UP_S = 5
EMAIL, PASSWORD = "bench@example.org", "a-long-benchmark-password"
TYPES = (DocType.CLINICAL_RECORD, DocType.CORRESPONDENCE, DocType.COMPLAINT_RESPONSE)
BASELINE = "case (API)"
GOAL_OF_BASELINE, GOAL_OF_SMALLEST = 3.0, 1.5


def build_case(data_dir: Path, documents: int) -> tuple[int, int, str]:
    """(case id, one evidence id, an API token): a case of `documents` processed files."""
    env = {"CASEWORK_DATA_DIR": str(data_dir)}
    subprocess.run([sys.executable, "-m", "commands", "db", "upgrade"], cwd=REPO, check=True,
                   env=os.environ | env, capture_output=True)
    storage = storage_for(load_settings(env))
    with storage.sessions() as session:
        user = create_user(session, EMAIL, PASSWORD, "investigator")
        token = create_token(session, user)
        case = create_case(session, user, "Mrs Bench Example", "Bench Hospital Trust")
        session.commit()
        uploaded = datetime(2026, 1, 5, 9, tzinfo=UTC)
        for start in range(0, documents, 1000):
            batch = [_processed(case.id, n, uploaded + timedelta(minutes=n))
                     for n in range(start, min(start + 1000, documents))]
            session.add_all(batch)
            session.flush()
            index_pages(session, [page for evidence in batch for page in evidence.pages])
            session.commit()
        evidence_id = session.scalar(Evidence.__table__.select().with_only_columns(
            Evidence.id).where(Evidence.case_id == case.id).limit(1))
        case_id = case.id
    storage.engine.dispose()
    return case_id, evidence_id, token


def _processed(case_id: int, n: int, uploaded: datetime) -> Evidence:
    text = (f"Letter {n} about the appointment of Mrs Bench Example on {3 + n % 25} March "
            f"2026. Dr Jones of Bench Hospital Trust wrote to explain the delay. ") * 8
    return Evidence(
        case_id=case_id, number=n + 1, filename=f"document-{n:05d}.pdf",
        media_type="application/pdf",
        sha256=f"{n:064d}", size=len(text), object_key=f"bench/{n}",
        status=EvidenceStatus.PROCESSED, doc_type=TYPES[n % len(TYPES)],
        doc_type_confidence=0.9, needs_review=n % 40 == 0, page_count=1,
        created_at=uploaded, processed_at=uploaded,
        steps=[EvidenceStep(position=i, name=name, status=StepStatus.DONE, duration_ms=5)
               for i, name in enumerate(("extract", "classify", "entities"))],
        entities=[EvidenceEntity(label=EntityLabel.PERSON, text="Dr Jones", value="Jones",
                                 page=1, start=0, end=8),
                  EvidenceEntity(label=EntityLabel.ORG, text="Bench Hospital Trust",
                                 value="Bench Hospital Trust", page=1, start=0, end=20)],
        pages=[EvidencePage(number=1, text=text)],
        events=[EvidenceEvent(case_id=case_id, date=date(2026, 3, 3 + n % 25), page=1,
                              text=f"Letter {n} about the appointment on {3 + n % 25} March.")],
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """`casework run` on a free loopback port, stopped when the block ends."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        self.log = (data_dir / "run.log").open("wb")
        self.log_path = data_dir / "run.log"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "commands", "run", "--port", str(self.port)], cwd=REPO,
            env=env | {"CASEWORK_DATA_DIR": str(data_dir)}, stdout=self.log,
            stderr=subprocess.STDOUT)

    def __enter__(self) -> Server:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.process.poll() is not None:
                raise SystemExit(f"casework run stopped: see {self.log.name}")
            try:
                requests.get(f"{self.base}/api/v1/health", timeout=2)
                return self
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise SystemExit("casework run did not answer in time") from None
                time.sleep(0.3)

    def __exit__(self, *_exc) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def request_kinds(case_id: int, evidence_id: int) -> dict[str, tuple[str, bool]]:
    """Kind -> (path, whether it is a signed-in page rather than the API)."""
    return {
        BASELINE: (f"/api/v1/cases/{case_id}", False),
        "evidence list (API)": (f"/api/v1/cases/{case_id}/evidence", False),
        "case page": (f"/cases/{case_id}", True),
        "evidence list page": (f"/cases/{case_id}/evidence?page=3&sort=filename", True),
        "document page": (f"/evidence/{evidence_id}", True),
        "search": (f"/cases/{case_id}/search?q=appointment", True),
        "chronology page": (f"/cases/{case_id}/chronology?page=3", True),
    }


def signed_in(base: str, token: str) -> tuple[requests.Session, requests.Session]:
    """(a browser-like session signed in to the pages, an API session with the token)."""
    pages = requests.Session()
    form = pages.get(f"{base}/login", timeout=REQUEST_TIMEOUT_S).text
    csrf = form.split('name="csrf_token" type="hidden" value="', 1)[1].split('"', 1)[0]
    answer = pages.post(f"{base}/login", data={"email": EMAIL, "password": PASSWORD,
                                               "csrf_token": csrf}, timeout=REQUEST_TIMEOUT_S)
    if "Sign out" not in answer.text:
        raise SystemExit("the benchmark user could not sign in")
    api = requests.Session()
    api.headers["Authorization"] = f"Bearer {token}"
    return pages, api


def load(base: str, token: str, kinds: dict[str, tuple[str, bool]], clients: int,
         seconds: float) -> tuple[dict[str, list[float]], dict[str, int]]:
    """Sign `clients` threads in, let them warm the server up for WARM_UP_S, then run them
    for `seconds`; (seconds per kind, errors per kind) from the timed part alone."""
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    reasons: dict[str, int] = defaultdict(int)
    lock = threading.Lock()
    names = list(kinds)
    ready = threading.Barrier(clients + 1, timeout=START_TIMEOUT_S)
    window = {"from": float("inf"), "to": float("inf")}

    def client(index: int) -> None:
        pages, api = signed_in(base, token)
        ready.wait()
        turn = index
        while time.monotonic() < window["to"]:
            name = names[turn % len(names)]
            turn += 1
            path, is_page = kinds[name]
            asked = time.monotonic()
            started = time.perf_counter()
            try:
                status = (pages if is_page else api).get(
                    base + path, timeout=REQUEST_TIMEOUT_S).status_code
                ok, why = status == 200, f"HTTP {status}"
            except requests.RequestException as error:
                ok, why = False, type(error).__name__
            took = time.perf_counter() - started
            if asked < window["from"]:
                continue  # warming up
            with lock:
                timings[name].append(took)
                if not ok:
                    errors[name] += 1
                    reasons[f"{name}: {why}"] += 1

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(clients)]
    for thread in threads:
        thread.start()
    window["from"] = time.monotonic() + START_TIMEOUT_S  # until every client is signed in
    ready.wait()
    window["from"] = time.monotonic() + WARM_UP_S
    window["to"] = window["from"] + seconds
    for thread in threads:
        thread.join(WARM_UP_S + seconds + REQUEST_TIMEOUT_S + 30)
    for reason, count in sorted(reasons.items()):
        print(f"  error {reason} x{count}")
    return timings, errors


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20.0)
    args = parser.parse_args()

    p95: dict[int, dict[str, float]] = {}
    failures = []
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="casework-bench-") as folder:
            data_dir = Path(folder) / "var"
            data_dir.mkdir()
            started = time.perf_counter()
            case_id, evidence_id, token = build_case(data_dir, size)
            print(f"\n{size:,} documents (built in {time.perf_counter() - started:.0f} s), "
                  f"{args.clients} clients for {args.seconds:.0f} s:")
            kinds = request_kinds(case_id, evidence_id)
            with Server(data_dir) as server:
                timings, errors = load(server.base, token, kinds, args.clients, args.seconds)
                if any(errors.values()):
                    tail = server.log_path.read_text(errors="replace").splitlines()[-15:]
                    print("  the server's log ends:\n    " + "\n    ".join(tail))
        p95[size] = {}
        answered = sum(len(samples) for samples in timings.values())
        print(f"  {answered} answers, {answered / args.seconds:.0f} a second")
        print(f"  {'request':<22} {'count':>6} {'p50':>8} {'p95':>8} {'p99':>8} {'errors':>7}"
              f" {'p95/baseline':>13}")
        baseline = percentile(timings[BASELINE], 0.95) if timings[BASELINE] else None
        for name in kinds:
            samples = timings[name]
            if not samples:
                print(f"  {name:<22} no answers")
                failures.append(f"{name} at {size}: no answers")
                continue
            p95[size][name] = percentile(samples, 0.95)
            ratio = p95[size][name] / baseline if baseline else float("nan")
            print(f"  {name:<22} {len(samples):>6} {statistics.median(samples) * 1000:>6.0f}ms"
                  f" {p95[size][name] * 1000:>6.0f}ms {percentile(samples, 0.99) * 1000:>6.0f}ms"
                  f" {errors[name]:>7} {ratio:>12.1f}x")
            if errors[name]:
                failures.append(f"{name} at {size}: {errors[name]} errors")
            if ratio > GOAL_OF_BASELINE:
                failures.append(f"{name} at {size}: p95 {ratio:.1f}x the baseline's")
    smallest, largest = min(p95), max(p95)
    if largest != smallest:
        print(f"\n{largest:,} against {smallest:,} documents, p95:")
        for name, seconds in p95[largest].items():
            if name in p95[smallest]:
                growth = seconds / p95[smallest][name]
                print(f"  {name:<22} {growth:.1f}x")
                if growth > GOAL_OF_SMALLEST:
                    failures.append(f"{name}: {growth:.1f}x slower at {largest:,}")
    print("\nGoals met." if not failures else "\nGoals missed:\n  " + "\n  ".join(failures))


if __name__ == "__main__":
    main()
