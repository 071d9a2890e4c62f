"""Services mode outside `docker compose`: a private database on a PostgreSQL server, the
CASEWORK_* variables that point at private servers, and `casework worker` processes. Shared by
the integration tests, the fault scenarios and the throughput benchmark."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy.engine import make_url

from tests.servers import S3Endpoint

REPO = Path(__file__).resolve().parents[1]


def admin_dsn() -> str | None:
    """The server CASEWORK_TEST_DATABASE_URL names, as a libpq URL; None when none is named."""
    admin_url = os.environ.get("CASEWORK_TEST_DATABASE_URL", "").strip()
    if not admin_url:
        return None
    return make_url(admin_url).set(drivername="postgresql").render_as_string(hide_password=False)


def database_dsn(admin_dsn: str, name: str) -> str:
    """The URL of database `name` on the admin's server."""
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

    def __init__(self, env: dict[str, str], log_path: Path, options: tuple[str, ...] = ()
                 ) -> None:
        self.log_path = log_path
        clean = {k: v for k, v in os.environ.items() if not k.startswith("CASEWORK_")}
        self._log = log_path.open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "commands", "worker", *options],
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
