"""A real worker with two pool processes on PostgreSQL, Redis and S3, each process with its
own connections; and `casework run` starting its worker again after kill -9."""

from __future__ import annotations

import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.deployment import REPO, WorkerProcess, services_env
from tests.integration.conftest import app_with_investigator, wait_until_done
from tests.servers import free_port, wait_for_port
from wiring import load_settings

# What a pool process sharing its parent's connection produced (psycopg, SQLAlchemy).
CONNECTION_ERRORS = ("DuplicatePreparedStatement", "INTRANS", "EMPTY_QUERY",
                     "OperationalError", "InterfaceError", "ResourceClosedError",
                     "interrupted")


class PoolWorker(WorkerProcess):
    """`casework worker --concurrency N`."""

    def __init__(self, env: dict[str, str], log_path: Path, concurrency: int) -> None:
        self.log_path = log_path
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "commands", "worker", f"--concurrency={concurrency}"],
            cwd=REPO, env=clean | env, stdout=self._log, stderr=subprocess.STDOUT,
        )


def _web(env: dict[str, str]):
    app, token = app_with_investigator(load_settings(env))
    return app, {"Authorization": f"Bearer {token}"}


def _upload(client, headers, files: list[tuple[str, bytes]]) -> list[int]:
    case = client.post("/api/v1/cases", headers=headers, json={
        "complainant_name": "Mr Ben Example", "organisation_name": "Riverside Surgery"}).json
    response = client.post(f"/api/v1/cases/{case['id']}/evidence", headers=headers,
                           data={"file": [(io.BytesIO(c), n) for n, c in files]},
                           content_type="multipart/form-data")
    assert response.status_code == 202, response.json
    return [item["id"] for item in response.json["items"]]


def test_two_pool_processes_each_use_their_own_connections(tmp_path, migrated_sqlite,
                                                           database_url, redis_url, s3,
                                                           stopping_workers):
    (tmp_path / "var").mkdir()
    shutil.copyfile(migrated_sqlite, tmp_path / "var" / "casework.db")
    env = services_env(tmp_path / "var", database_url, redis_url, s3)
    app, headers = _web(env)
    worker = PoolWorker(env, tmp_path / "worker.log", concurrency=2)
    try:
        client = app.test_client()
        ids = _upload(client, headers, [
            (f"note-{n}.txt", f"Telephone note {n}: Mrs Example called on 3 March 2024 "
                              f"about her appointment.\n".encode() * 20) for n in range(12)])
        states = wait_until_done(client, headers, ids, worker)
    finally:
        worker.ask_to_stop()
        stopping_workers.append(worker)
        app.extensions["casework.storage"].engine.dispose()

    log = worker.log()
    assert {s["status"] for s in states.values()} == {"processed"}, (states, log)
    assert not [e for e in CONNECTION_ERRORS if e in log], log
    # Both pool processes took files, each over its own connection.
    assert "ForkPoolWorker-1" in log and "ForkPoolWorker-2" in log, log


def _descendants(pid: int) -> list[int]:
    """Every process under `pid` (Linux), so that none of them outlives the test."""
    found = []
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return found
    for child in map(int, children):
        found += [child, *_descendants(child)]
    return found


def _kill(pids: list[int], command: bytes) -> None:
    """Kill those of `pids` still running `command` (not a process that took a freed pid)."""
    for pid in pids:
        try:
            if command in Path(f"/proc/{pid}/cmdline").read_bytes():
                os.kill(pid, signal.SIGKILL)
        except (OSError, ProcessLookupError):
            pass


def test_casework_run_starts_its_worker_again_after_kill_9(tmp_path, migrated_sqlite):
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    shutil.copyfile(migrated_sqlite, data_dir / "casework.db")
    env = {"CASEWORK_DATA_DIR": str(data_dir)}
    app, headers = _web(env)
    status_file = load_settings(env).helper_status_file
    port = free_port()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
    log_path = tmp_path / "run.log"
    with log_path.open("wb") as log:
        run = subprocess.Popen([sys.executable, "-m", "commands", "run", "--port", str(port)],
                               cwd=REPO, env=clean | env, stdout=log, stderr=subprocess.STDOUT)
    orphans: list[int] = []

    def status() -> dict:
        try:
            return json.loads(status_file.read_text()).get("worker", {})
        except (FileNotFoundError, ValueError):
            return {}

    def wait_for(condition, what: str, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert run.poll() is None, log_path.read_text()
            assert time.monotonic() < deadline, f"{what}:\n{log_path.read_text()}"
            time.sleep(0.1)

    try:
        wait_for_port("127.0.0.1", port, timeout=60, process=run, log_path=log_path)
        wait_for(lambda: status().get("pid"), "no worker recorded")
        first = status()["pid"]
        # Its pool process and extraction server would be left behind by kill -9.
        wait_for(lambda: _descendants(first), "the worker started no pool process")
        orphans = _descendants(first)
        os.kill(first, signal.SIGKILL)

        wait_for(lambda: status().get("restarts") == 1, "the worker was not started again")
        restarted = status()
        assert restarted["pid"] != first and restarted["last_exit"] == -signal.SIGKILL
        assert "the worker stopped (exit -9); starting it again in 1 s" in log_path.read_text()

        client = app.test_client()
        [item] = _upload(client, headers, [("after.txt", b"Uploaded after the restart.\n")])

        def processed() -> bool:
            return client.get(f"/api/v1/evidence/{item}", headers=headers).json["status"] \
                == "processed"

        wait_for(processed, "the file was not processed by the new worker")
    finally:
        run.terminate()
        try:
            run.wait(timeout=30)
        except subprocess.TimeoutExpired:
            run.kill()
            run.wait()
        _kill(orphans, sys.executable.encode())
        app.extensions["casework.storage"].engine.dispose()

