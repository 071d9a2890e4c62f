"""Fixtures shared by every test: settings in a temporary data directory, the app, users."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from casework.users import create_token, create_user, get_user_by_email
from storage.db import make_engine, make_session_factory, upgrade_database
from web import create_app
from wiring import Settings, load_settings
from worker.pipeline import run_pipeline

INVESTIGATOR = ("investigator@example.org", "investigator-pass")
REVIEWER = ("reviewer@example.org", "reviewer-pass")


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory) -> Path:
    """An SQLite database brought up to the newest migration once per session; each test
    starts from a copy of it."""
    path = tmp_path_factory.mktemp("migrated") / "casework.db"
    upgrade_database(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def staffed_sqlite(tmp_path_factory, migrated_sqlite) -> Path:
    """The migrated database with the investigator and the reviewer in it, made once:
    hashing their passwords for every test took longer than most tests."""
    path = tmp_path_factory.mktemp("staffed") / "casework.db"
    shutil.copyfile(migrated_sqlite, path)
    engine = make_engine(f"sqlite:///{path}")
    with make_session_factory(engine)() as session:
        create_user(session, *INVESTIGATOR, "investigator")
        create_user(session, *REVIEWER, "reviewer")
        session.commit()
    engine.dispose()  # the last connection closing folds the write-ahead log into the file
    return path


@pytest.fixture
def settings(tmp_path, staffed_sqlite) -> Settings:
    """Embedded-mode settings whose data lives in the test's own directory, its database a
    copy of the migrated one with the investigator and the reviewer."""
    data_dir = tmp_path / "var"
    data_dir.mkdir()
    shutil.copyfile(staffed_sqlite, data_dir / "casework.db")
    return load_settings({"CASEWORK_DATA_DIR": str(data_dir)})


@pytest.fixture
def app(settings):
    app = create_app(settings, test_config={"TESTING": True, "WTF_CSRF_ENABLED": False})
    yield app
    app.extensions["casework.storage"].engine.dispose()


@pytest.fixture
def db(app):
    with app.extensions["casework.storage"].sessions() as session:
        yield session


@pytest.fixture
def process(app, db):
    """Run the pipeline in this process over evidence ids, and over the files found inside."""
    storage = app.extensions["casework.storage"]

    def run(evidence_ids) -> None:
        queue = list(evidence_ids)
        while queue:
            run_pipeline(db, storage.objects, queue.pop(0), queue.append)

    return run


@pytest.fixture
def client(app) -> FlaskClient:
    return app.test_client()


class AuthActions:
    def __init__(self, client: FlaskClient) -> None:
        self._client = client

    def login(self, credentials: tuple[str, str] = INVESTIGATOR):
        email, password = credentials
        return self._client.post("/login", data={"email": email, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


def _token_for(app, email: str) -> str:
    storage = app.extensions["casework.storage"]
    with storage.sessions() as session:
        value = create_token(session, get_user_by_email(session, email))
        session.commit()
    return value


@pytest.fixture
def token(app) -> str:
    """A bearer token for the investigator."""
    return _token_for(app, INVESTIGATOR[0])


class Api:
    """The test client with one user's bearer token on every request."""

    def __init__(self, client: FlaskClient, token: str) -> None:
        self._client = client
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, url, **kwargs):
        return self._client.get(url, headers=self.headers, **kwargs)

    def post(self, url, **kwargs):
        return self._client.post(url, headers=self.headers, **kwargs)

    def patch(self, url, **kwargs):
        return self._client.patch(url, headers=self.headers, **kwargs)

    def put(self, url, **kwargs):
        return self._client.put(url, headers=self.headers, **kwargs)


@pytest.fixture
def api(app, client, token) -> Api:
    """The investigator's API client; `api.reviewer` is the reviewer's, for four eyes."""
    investigator = Api(client, token)
    investigator.reviewer = Api(client, _token_for(app, REVIEWER[0]))
    return investigator
