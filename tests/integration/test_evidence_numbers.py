"""Uploads to one case at the same moment, each from its own connection: every file gets its
own number, and the numbers run from 1 with no gap, on SQLite and on PostgreSQL."""

from __future__ import annotations

import io
import shutil
import threading

import pytest
from sqlalchemy import select

from casework.cases import create_case, get_case
from casework.evidence import measure_stream, store_evidence
from storage.db import make_engine, make_session_factory
from storage.models import Evidence
from storage.objects import DirectoryStore

UPLOADERS, FILES_EACH = 4, 5


@pytest.fixture(params=["sqlite", "postgresql"])
def racing_database(request, tmp_path, migrated_sqlite) -> str:
    if request.param == "sqlite":
        shutil.copyfile(migrated_sqlite, tmp_path / "casework.db")
        return f"sqlite:///{tmp_path / 'casework.db'}"
    url = request.getfixturevalue("database_url")
    if url is None:
        pytest.skip("CASEWORK_TEST_DATABASE_URL names no PostgreSQL server")
    return url


def test_files_uploaded_at_once_are_numbered_without_gaps_or_repeats(racing_database,
                                                                      tmp_path):
    engine = make_engine(racing_database)
    sessions = make_session_factory(engine)
    store = DirectoryStore(tmp_path / "objects")
    try:
        with sessions() as setup:
            case_id = create_case(setup, None, "Mrs A Example", "A Trust").id
            setup.commit()
        ready = threading.Barrier(UPLOADERS)
        failures = []

        def upload(uploader: int) -> None:
            with sessions() as session:
                ready.wait()
                try:
                    for n in range(FILES_EACH):
                        content = f"file {n} from uploader {uploader}".encode()
                        sha256, size = measure_stream(io.BytesIO(content), 10**6)
                        store_evidence(session, store, get_case(session, case_id), None,
                                       f"{uploader}-{n}.txt", io.BytesIO(content),
                                       "text/plain", sha256, size)
                        session.commit()  # each its own request
                except Exception as error:  # the assertion below names it
                    failures.append(repr(error))

        threads = [threading.Thread(target=upload, args=(u,)) for u in range(UPLOADERS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)

        assert failures == []
        with sessions() as check:
            numbers = check.scalars(select(Evidence.number).where(Evidence.case_id == case_id)
                                    .order_by(Evidence.number)).all()
        assert numbers == list(range(1, UPLOADERS * FILES_EACH + 1))
    finally:
        engine.dispose()
