"""Real servers for integration tests: Redis, S3, PostgreSQL, and a Celery worker process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
import pytest
from sqlalchemy.engine import make_url

from casework.users import create_token, create_user
from storage.db import upgrade_database
from tests.servers import S3Endpoint, redis_server, s3_server
from web import create_app
from wiring import load_settings

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def s3() -> Iterator[S3Endpoint]:
    with s3_server() as endpoint:
        yield endpoint


def _admin_dsn() -> str | None:
    admin_url = os.environ.get("CASEWORK_TEST_DATABASE_URL", "").strip()
    if not admin_url:
        return None
    return make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)


def _database_dsn(admin_dsn: str, name: str) -> str:
    return make_url(admin_dsn).set(database=name).render_as_string(hide_password=False)


@contextmanager
def private_database(admin: str, prefix: str, template: str | None = None) -> Iterator[str]:
    """A database of our own on the admin's server (a copy of `template`, if given), named
    once and dropped afterwards, so that the server's own databases are left alone."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"{copy}')
    try:
        yield name
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated once per session, which each test's database copies;
    None when CASEWORK_TEST_DATABASE_URL names no server."""
    admin = _admin_dsn()
    if admin is None:
        yield None
        return
    with private_database(admin, "casework_template") as name:
        upgrade_database(_database_dsn(admin, name))
        yield name


@pytest.fixture
def database_url(postgres_template) -> Iterator[str | None]:
    """A private PostgreSQL database when CASEWORK_TEST_DATABASE_URL names a server, else None.

    Each test gets its own copy of the migrated template, so tests never see each other's
    rows.
    """
    if postgres_template is None:
        yield None
        return
    admin = _admin_dsn()
    with private_database(admin, "casework_test", template=postgres_template) as name:
        yield _database_dsn(admin, name)


def services_env(data_dir: Path, database_url: str | None, redis_url: str,
                 s3: S3Endpoint) -> dict[str, str]:
    """CASEWORK_* variables for services mode against the test servers."""
    env = {
        "CASEWORK_DATA_DIR": str(data_dir),
        "CASEWORK_BROKER_URL": redis_url,
        "CASEWORK_S3_ENDPOINT": s3.endpoint,
        "CASEWORK_S3_ACCESS_KEY": s3.access_key,
        "CASEWORK_S3_SECRET_KEY": s3.secret_key,
        "CASEWORK_S3_BUCKET": s3.bucket,
        "CASEWORK_S3_REGION": s3.region,
        "CASEWORK_S3_SECURE": "true" if s3.secure else "false",
    }
    if database_url:
        env["CASEWORK_DATABASE_URL"] = database_url
    return env


class WorkerProcess:
    """`casework worker` in a subprocess: the same command production runs."""

    def __init__(self, env: dict[str, str], log_path: Path) -> None:
        self.log_path = log_path
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "commands", "worker"],
            cwd=REPO, env=clean | env, stdout=self._log, stderr=subprocess.STDOUT,
        )

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self) -> None:
        self.ask_to_stop()
        self.wait_stopped()

    def ask_to_stop(self) -> None:
        if self.alive():
            self.process.terminate()

    def wait_stopped(self) -> None:
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()


@pytest.fixture(scope="session")
def stopping_workers() -> Iterator[list[WorkerProcess]]:
    """Workers asked to stop, waited for when the session ends: a Celery worker takes several
    seconds to shut down, and the tests after it need not wait for that."""
    workers: list[WorkerProcess] = []
    yield workers
    for worker in workers:
        worker.wait_stopped()


@pytest.fixture
def start_worker(tmp_path, stopping_workers):
    """Start a worker with the given CASEWORK_* environment; asked to stop when the test
    ends."""
    workers: list[WorkerProcess] = []

    def start(env: dict[str, str]) -> WorkerProcess:
        worker = WorkerProcess(env, tmp_path / f"worker-{len(workers)}.log")
        workers.append(worker)
        return worker

    yield start
    for worker in workers:
        worker.ask_to_stop()
        stopping_workers.append(worker)


@pytest.fixture(params=["embedded", "services"])
def mode_env(request, tmp_path, migrated_sqlite) -> dict[str, str]:
    """Either mode's CASEWORK_* variables, its database already migrated (services mode on
    SQLite where no PostgreSQL server is named)."""
    (tmp_path / "var").mkdir()
    shutil.copyfile(migrated_sqlite, tmp_path / "var" / "casework.db")
    if request.param == "embedded":
        return {"CASEWORK_DATA_DIR": str(tmp_path / "var")}
    return services_env(
        tmp_path / "var",
        request.getfixturevalue("database_url"),
        request.getfixturevalue("redis_url"),
        request.getfixturevalue("s3"),
    )


@pytest.fixture
def service(mode_env, start_worker):
    """The web app in this process and a worker process, sharing one configuration."""
    settings = load_settings(mode_env)
    app, token = app_with_investigator(settings)
    worker = start_worker(mode_env)
    yield app, token, worker, settings
    app.extensions["casework.storage"].engine.dispose()


def app_with_investigator(settings):
    """(a test app on these settings, an API token of an investigator in its database)."""
    app = create_app(settings, test_config={"TESTING": True})
    with app.extensions["casework.storage"].sessions() as session:
        user = create_user(session, "investigator@example.org", "a-long-password",
                           "investigator")
        token = create_token(session, user)
        session.commit()
    return app, token


def wait_until_done(client, headers, evidence_ids, worker, timeout=90.0) -> dict[int, dict]:
    deadline = time.monotonic() + timeout
    while True:
        states = {i: client.get(f"/api/v1/evidence/{i}", headers=headers).json
                  for i in evidence_ids}
        if all(s["status"] in {"processed", "failed"} for s in states.values()):
            return states
        assert worker.alive(), f"the worker died:\n{worker.log()}"
        assert time.monotonic() < deadline, f"not processed in time: {states}\n{worker.log()}"
        time.sleep(0.2)
