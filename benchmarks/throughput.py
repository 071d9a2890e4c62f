"""Throughput benchmark: end-to-end ingest against the bare limit, and workers added.

    python -m benchmarks.throughput [--corpus DIR] [--rounds N] [--skip-scale-out]

Ingest: the bare limit is pypdfium2's page text and spaCy's NER (en_core_web_sm, as the
worker loads it) over the files in this one process, nothing in between; ours is the same
files uploaded one by one through the API (`POST /api/v1/cases/<id>/evidence`, a bearer
token) to a real `casework run` (embedded mode), timed from the first upload until the API
says every file is processed.
Scale-out: services mode on private servers (a database of our own on the PostgreSQL server
at --database-url, a Redis and an `rclone serve s3` on free loopback ports), the web app in a
process of its own, and 1, then 2 `casework worker --concurrency 1` processes, each with its
own node name, on the same files.

The files are the readable PDFs of --corpus DIR (named in the output) or, without one, 20
generated 10-page PDFs (said in the output). Every round uploads bytes the service has never
seen: each file gets a PDF comment after its end naming the round and the file, so its
SHA-256 is new and the service reads it instead of copying an earlier reading
(casework/evidence/_reuse.py). The bare limit reads those same bytes. Each service, and each
worker started for a round, first reads one warm-up file (uncounted) to load its models.
Rounds are interleaved (bare limit, ours, bare limit, ...; 1 worker, 2 workers, ...); rates
are medians with the slowest and fastest round. Every wait is bounded: a service or worker
that dies, or a file not processed in time, ends the phase with an error.
Goals: ingest >= 0.7x the bare limit; 2 workers >= 1.7x the throughput of 1 (2 cores).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from benchmarks.ingest import (
    Timing,
    corpus_pdfs,
    generated_pdfs,
    interleaved,
    ner_alone,
    pdfium_page_texts,
)
from benchmarks.web import Server
from casework.paging import MOST_PER_PAGE
from casework.users import create_token, create_user
from storage.db import upgrade_database
from tests.deployment import (
    WorkerProcess,
    admin_dsn,
    database_dsn,
    private_database,
    services_env,
)
from tests.reliability.harness import ApiClient, WebServer
from tests.servers import redis_server, s3_server
from wiring import load_settings, storage_for

REPO = Path(__file__).resolve().parents[1]
# Generous for these sizes: a round that takes longer has gone wrong, not slow.
SECONDS_PER_FILE_LIMIT, BASE_WAIT_LIMIT = 20, 60
WORKER_START_LIMIT_S = 120
# Each look is two small requests to the service, which shares the cores with the work.
POLL_S = 0.2
WAITING = ("queued", "processing")
INGEST_GOAL, SCALE_OUT_GOAL = 0.7, 1.7


def stamped(files: list[bytes], tag: str) -> list[bytes]:
    """The same PDFs, each with a comment after its end naming `tag` and the file: bytes no
    earlier round uploaded, read the same (a reader ignores what follows %%EOF)."""
    return [content + f"\n% casework throughput {tag} file {n}\n".encode()
            for n, content in enumerate(files)]


def bare_limit(files: list[bytes]) -> int:
    """Pages of pypdfium2 text, then spaCy's NER over them: the least any ingest does."""
    documents = [pdfium_page_texts(content) for content in files]
    ner_alone(documents)
    return sum(map(len, documents))


def investigator_token(env: dict[str, str]) -> str:
    """An API token of a new investigator, in the database `env` names (migrated first)."""
    settings = load_settings(env)
    upgrade_database(settings.database_url)
    storage = storage_for(settings)
    with storage.sessions() as session:
        token = create_token(session, create_user(session, "bench@example.org",
                                                  "a-long-benchmark-password", "investigator"))
        session.commit()
    storage.engine.dispose()
    return token


def count_with_status(api: ApiClient, case_id: int, status: str) -> int:
    """How many of the case's files have `status`: one small request."""
    answer = api.http.get(f"{api.base_url}/cases/{case_id}/evidence",
                          params={"status": status, "per_page": 1}, timeout=30)
    answer.raise_for_status()
    return answer.json()["total"]


def upload_and_wait(api: ApiClient, files: list[bytes], alive: Callable[[], str | None]) -> int:
    """Upload `files` to a new case and wait until none is queued or processing; their pages
    as the service counted them. `alive` says why the service is down, None while it is up."""
    case_id = api.create_case()
    for n, content in enumerate(files):
        answer = api.upload(case_id, f"file-{n:03d}.pdf", content)
        if answer.status_code != 202:
            raise SystemExit(f"upload refused: HTTP {answer.status_code} {answer.text[:200]}")
    limit = BASE_WAIT_LIMIT + SECONDS_PER_FILE_LIMIT * len(files)
    deadline = time.monotonic() + limit
    while waiting := sum(count_with_status(api, case_id, status) for status in WAITING):
        if (down := alive()) is not None:
            raise SystemExit(down)
        if time.monotonic() > deadline:
            raise SystemExit(f"{waiting} of {len(files)} files not processed in {limit} s")
        time.sleep(POLL_S)
    answer = api.http.get(f"{api.base_url}/cases/{case_id}/evidence",
                          params={"per_page": MOST_PER_PAGE}, timeout=30)
    answer.raise_for_status()
    listed = answer.json()["items"]
    unread = [f"{item['filename']}: {item['status']}" for item in listed
              if item["status"] != "processed"]
    if unread or len(listed) != len(files):
        raise SystemExit(f"{len(listed)} of {len(files)} files listed; not read: "
                         + ", ".join(unread))
    return sum(item["page_count"] or 0 for item in listed)


def embedded_ingest(files: list[bytes], rounds: int) -> dict[str, Timing]:
    """The bare limit and `casework run`, interleaved, each round on fresh bytes."""
    batches = iter([stamped(files, f"embedded round {r}") for r in range(rounds)])
    current: list[bytes] = []

    def bare() -> int:
        current[:] = next(batches)
        return bare_limit(current)

    with tempfile.TemporaryDirectory(prefix="casework-throughput-") as folder:
        data_dir = Path(folder)
        api = ApiClient("", investigator_token({"CASEWORK_DATA_DIR": str(data_dir)}))
        with Server(data_dir) as server:
            api.base_url = f"{server.base}/api/v1"

            def alive() -> str | None:
                if server.process.poll() is None:
                    return None
                return f"casework run stopped (exit {server.process.returncode})"

            bare_limit(files[:1])  # load the model outside the timing
            upload_and_wait(api, stamped(files[:1], "embedded warm-up"), alive)
            return interleaved({"bare": bare, "ours": lambda: upload_and_wait(api, current,
                                                                              alive)}, rounds)


@contextmanager
def private_services(admin_url: str, workdir: Path) -> Iterator[dict[str, str]]:
    """Services mode's CASEWORK_* variables on private servers, stopped and dropped after."""
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_server())
        s3 = stack.enter_context(s3_server())
        database = stack.enter_context(private_database(admin_url, "casework_bench"))
        yield services_env(workdir, database_dsn(admin_url, database), redis_url, s3)


def started_workers(env: dict[str, str], count: int, workdir: Path, tag: str
                    ) -> list[WorkerProcess]:
    """`count` workers with node names of their own, each ready for work."""
    workers = [WorkerProcess(env, workdir / f"worker-{tag}-{n}.log",
                             ("--concurrency", "1", "--name", f"bench-{tag}-{n}@%h"))
               for n in range(count)]
    deadline = time.monotonic() + WORKER_START_LIMIT_S
    while not all(" ready." in worker.log() for worker in workers):
        stop_workers_if(any(not w.alive() for w in workers), workers, "a worker stopped")
        stop_workers_if(time.monotonic() > deadline, workers,
                        f"workers not ready in {WORKER_START_LIMIT_S} s")
        time.sleep(0.2)
    return workers


def warm_up(api: ApiClient, content: bytes, workers: list[WorkerProcess],
            alive: Callable[[], str | None], tag: str) -> None:
    """Files until every worker has processed one, so that each has loaded its models."""
    for attempt in range(3 * len(workers)):
        upload_and_wait(api, stamped([content] * len(workers), f"warm-up {tag} {attempt}"),
                        alive)
        if all(" succeeded in " in worker.log() for worker in workers):
            return
    stop_workers_if(True, workers, "a worker took no warm-up file")


def stop_workers_if(failed: bool, workers: list[WorkerProcess], reason: str) -> None:
    if failed:
        tail = "\n".join(w.log()[-1500:] for w in workers)
        stop(workers)
        raise SystemExit(f"{reason}; the workers' logs end:\n{tail}")


def stop(workers: list[WorkerProcess]) -> None:
    for worker in workers:
        worker.ask_to_stop()
    for worker in workers:
        worker.wait_stopped()


def files_done(worker: WorkerProcess) -> int:
    return worker.log().count(" succeeded in ")


def scale_out(files: list[bytes], rounds: int, admin_url: str
              ) -> tuple[dict[int, Timing], list[list[int]]]:
    """Throughput with 1 and 2 workers in services mode, interleaved, fresh bytes each round;
    and how many of the timed files each worker took in each round of two."""
    seconds: dict[int, list[float]] = {1: [], 2: []}
    shares: list[list[int]] = []
    pages = 0
    with tempfile.TemporaryDirectory(prefix="casework-throughput-") as folder, \
            private_services(admin_url, Path(folder)) as env:
        api = ApiClient("", investigator_token(env))
        web = WebServer(env, Path(folder) / "web.log")
        api.base_url = web.url
        try:
            for r in range(rounds):
                for count in seconds:
                    tag = f"{count}w-round{r}"
                    workers = started_workers(env, count, Path(folder), tag)

                    def alive(workers=workers) -> str | None:
                        dead = [w for w in workers if not w.alive()]
                        return f"a worker stopped:\n{dead[0].log()[-1500:]}" if dead else None

                    try:
                        warm_up(api, files[0], workers, alive, tag)
                        before = [files_done(worker) for worker in workers]
                        started = time.perf_counter()
                        pages = upload_and_wait(api, stamped(files, tag), alive)
                        seconds[count].append(time.perf_counter() - started)
                        if count > 1:
                            shares.append([files_done(worker) - done
                                           for worker, done in zip(workers, before, strict=True)])
                    finally:
                        stop(workers)
        finally:
            web.stop()
    return {count: Timing(pages, samples) for count, samples in seconds.items()}, shares


def machine_load() -> str:
    """The 1-minute load average against the cores: other work shares them with the rounds."""
    return f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"


def verdict(ratio: float, goal: float) -> str:
    return f"goal >= {goal:.2f}x: {'met' if ratio >= goal else 'missed'}"


def local_postgres_url() -> str:
    """The machine's PostgreSQL as the tests find it (scripts/local-postgres-url.sh)."""
    return subprocess.run([str(REPO / "scripts" / "local-postgres-url.sh")], text=True,
                          capture_output=True, timeout=10).stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="a folder of real-world PDFs (default: generated PDFs)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL server to make (and drop) a private database on "
                             "(default: CASEWORK_TEST_DATABASE_URL, else 127.0.0.1:5432)")
    parser.add_argument("--skip-scale-out", action="store_true")
    args = parser.parse_args()

    if args.corpus is None:
        files = generated_pdfs()
        print(f"corpus: {len(files)} generated 10-page PDFs (no --corpus DIR given)")
    else:
        files = corpus_pdfs(args.corpus)
        if not files:
            raise SystemExit(f"no readable PDF in {args.corpus.resolve()}")
        print(f"corpus: the {len(files)} readable PDFs in {args.corpus.resolve()}")

    print(f"at the start: {machine_load()}")
    ingest = embedded_ingest(files, args.rounds)
    bare, ours = ingest["bare"], ingest["ours"]
    if ours.units != bare.units:
        raise SystemExit(f"the service counted {ours.units} pages, pypdfium2 {bare.units}")
    print(f"ingest, {bare.units} pages, median of {args.rounds} interleaved rounds")
    print(bare.row("pypdfium2 text + spaCy NER, one process (limit)", "pages/s", None))
    print(ours.row("upload to processed, casework run (embedded)", "pages/s", bare,
                   verdict(ours.rate() / bare.rate(), INGEST_GOAL)))
    print(f"after ingest: {machine_load()}")
    if args.skip_scale_out:
        return

    admin_url = args.database_url or admin_dsn() or local_postgres_url()
    if not admin_url:
        raise SystemExit("no PostgreSQL server: give --database-url (or --skip-scale-out)")
    workers, shares = scale_out(files, args.rounds, admin_url)
    one, two = workers[1], workers[2]
    print(f"scale-out, services mode, {one.units} pages, median of {args.rounds} interleaved "
          "rounds")
    print(one.row("1 worker --concurrency 1", "pages/s", None))
    print(two.row("2 workers --concurrency 1", "pages/s", one,
                  verdict(two.rate() / one.rate(), SCALE_OUT_GOAL)))
    print("  files each of the 2 workers took, by round: "
          + ", ".join("/".join(map(str, share)) for share in shares))
    print(f"after scale-out: {machine_load()}")


if __name__ == "__main__":
    main()
