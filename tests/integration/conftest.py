"""Real servers for integration tests: Redis, S3, PostgreSQL, and a Celery worker process
(the services-mode pieces themselves are in tests/deployment.py)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator

import pytest

from casework.users import create_token, create_user
from storage.db import upgrade_database
from tests.deployment import (
    WorkerProcess,
    admin_dsn,
    database_dsn,
    private_database,
    services_env,
)
from tests.servers import S3Endpoint, redis_server, s3_server
from web import create_app
from wiring import load_settings, storage_for


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    with redis_server() as url:
        yield url


@pytest.fixture(scope="session")
def s3() -> Iterator[S3Endpoint]:
    with s3_server() as endpoint:
        yield endpoint


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[str | None]:
    """A PostgreSQL database migrated once per session, which each test's database copies;
    None when CASEWORK_TEST_DATABASE_URL names no server."""
    admin = admin_dsn()
    if admin is None:
        yield None
        return
    with private_database(admin, "casework_template") as name:
        upgrade_database(database_dsn(admin, name))
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
    admin = admin_dsn()
    with private_database(admin, "casework_test", template=postgres_template) as name:
        yield database_dsn(admin, name)


@pytest.fixture(params=["sqlite", "postgresql"])
def storage(request, tmp_path, migrated_sqlite):
    """The storage of a fresh migrated database, on SQLite and (when a server is named) on
    PostgreSQL."""
    (tmp_path / "var").mkdir()
    if request.param == "sqlite":
        shutil.copyfile(migrated_sqlite, tmp_path / "var" / "casework.db")
        env = {"CASEWORK_DATA_DIR": str(tmp_path / "var")}
    else:
        database_url = request.getfixturevalue("database_url")
        if database_url is None:
            pytest.skip("no PostgreSQL server named by CASEWORK_TEST_DATABASE_URL")
        env = {"CASEWORK_DATA_DIR": str(tmp_path / "var"), "CASEWORK_DATABASE_URL": database_url}
    storage = storage_for(load_settings(env))
    yield storage
    storage.engine.dispose()


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
