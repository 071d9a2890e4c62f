"""Fixtures of the fault scenarios: their size, their row of the report, and a deployment
(database, web server, workers) on whichever Redis and S3 the scenario brings.

The default run uses small sizes, a fixed subset fast enough for every `make test`;
CASEWORK_RELIABILITY_FULL=1 (`make reliability`) runs the full sizes of issue 11.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from casework.users import create_token, create_user
from tests.deployment import WorkerProcess, services_env
from tests.integration.conftest import (  # noqa: F401 (fixtures used by the scenarios)
    database_url,
    postgres_template,
)
from tests.reliability.harness import REPO, ApiClient, WebServer, _children
from tests.servers import S3Endpoint
from wiring import load_settings, storage_for

FULL = os.environ.get("CASEWORK_RELIABILITY_FULL") == "1"
RESULTS = Path(os.environ.get("CASEWORK_RELIABILITY_RESULTS", REPO / "var" / "reliability.json"))
# The shortest task time limit the settings accept (so a lease of 180 s): the kill scenario
# waits for leases to run out.
TASK_TIME_LIMIT = 90


def size(subset, full):
    """The scenario's size in this run."""
    return full if FULL else subset


def pytest_configure(config) -> None:
    config.addinivalue_line(
        "markers", "reliability: a fault or hostile-input scenario that records a row of "
        "the reliability report (full sizes with CASEWORK_RELIABILITY_FULL=1)")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def row(request) -> Iterator[dict]:
    """This scenario's row of the report, written to the results file however the test ends:
    a scenario that could not run says so rather than showing zeros."""
    entry = {"fault": request.node.name, "size": "full" if FULL else "subset",
             "injected": None, "lost": None, "duplicated": None, "worst_seconds": None,
             "peak_rss_mib": None, "note": ""}
    yield entry
    setup = getattr(request.node, "report_setup", None)
    called = getattr(request.node, "report_call", None)
    if called is None or setup is None or setup.failed:
        entry["status"] = "could not run"
        failing = setup if setup is not None and setup.failed else called
        if failing is not None and failing.longrepr is not None:
            entry["note"] = _first_line(failing.longrepr)
    elif called.passed:
        entry["status"] = "pass"
    elif called.skipped:
        entry["status"] = "could not run"
        entry["note"] = _first_line(called.longrepr)
    else:
        entry["status"] = "fail"
        entry["note"] = "; ".join(filter(None, [entry["note"], _first_line(called.longrepr)]))
    _record(entry)


def _first_line(longrepr) -> str:
    if isinstance(longrepr, tuple):  # a skip: (path, line, reason)
        return str(longrepr[2])
    crash = getattr(longrepr, "reprcrash", None)
    return (crash.message if crash is not None else str(longrepr)).splitlines()[0][:300]


def _record(entry: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    rows = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
    rows[entry["fault"]] = entry
    RESULTS.write_text(json.dumps(rows, indent=2) + "\n")


@dataclass
class Deployment:
    """One installation in services mode: its settings, storage, web server, workers."""

    env: dict[str, str]
    workdir: Path
    storage: object = None
    web: WebServer | None = None
    api: ApiClient | None = None
    workers: list[WorkerProcess] = field(default_factory=list)
    beat: subprocess.Popen | None = None

    def start_worker(self) -> WorkerProcess:
        worker = WorkerProcess(self.env, self.workdir / f"worker-{len(self.workers)}.log")
        self.workers.append(worker)
        return worker

    def start_beat(self) -> None:
        """The schedule, as `casework run` starts it beside the worker."""
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        with open(self.workdir / "beat.log", "wb") as log:
            self.beat = subprocess.Popen([sys.executable, "-m", "commands", "beat", "--quiet"],
                                         cwd=REPO, env=clean | self.env, stdout=log,
                                         stderr=subprocess.STDOUT)

    def worker_pids(self) -> list[int]:
        return [w.process.pid for w in self.workers if w.alive()]

    def pool_children(self, worker: WorkerProcess) -> list[int]:
        return _children(worker.process.pid)

    def kill_worker(self, worker: WorkerProcess) -> None:
        """kill -9 of the worker and its pool: nothing gets to clean up."""
        for child in self.pool_children(worker):
            with contextlib.suppress(ProcessLookupError):
                os.kill(child, signal.SIGKILL)
        worker.process.kill()
        worker.process.wait()

    def stop(self) -> None:
        for worker in self.workers:
            worker.ask_to_stop()
        for worker in self.workers:
            worker.wait_stopped()
        if self.beat is not None and self.beat.poll() is None:
            self.beat.terminate()
            self.beat.wait(timeout=20)
        if self.web is not None:
            self.web.stop()
        if self.storage is not None:
            self.storage.engine.dispose()


@pytest.fixture
def deploy(tmp_path, database_url, migrated_sqlite):  # noqa: F811 (the imported fixture)
    """Make a deployment on the given Redis URL and S3 endpoint, with the investigator's
    token and the web server running; stopped when the test ends."""
    made: list[Deployment] = []

    def make(redis_url: str, s3: S3Endpoint, extra: dict[str, str] | None = None) -> Deployment:
        data_dir = tmp_path / "var"
        data_dir.mkdir(exist_ok=True)
        if database_url is None:
            shutil.copyfile(migrated_sqlite, data_dir / "casework.db")
        env = services_env(data_dir, database_url, redis_url, s3) | {
            "CASEWORK_TASK_TIME_LIMIT": str(TASK_TIME_LIMIT),
            **(extra or {}),
        }
        deployment = Deployment(env=env, workdir=tmp_path)
        made.append(deployment)
        deployment.storage = storage_for(load_settings(env))
        with deployment.storage.sessions() as session:
            user = create_user(session, "investigator@example.org", "a-long-password",
                               "investigator")
            token = create_token(session, user)
            session.commit()
        deployment.web = WebServer(env, tmp_path / "web.log")
        deployment.api = ApiClient(deployment.web.url, token)
        return deployment

    yield make
    for deployment in made:
        deployment.stop()
