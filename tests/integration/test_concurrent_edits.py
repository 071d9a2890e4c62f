"""Two saves of one finding committing at once on PostgreSQL: exactly one is kept."""

from __future__ import annotations

import threading

import pytest

from casework.drafting import EditConflict, change_finding
from storage.db import make_engine, make_session_factory
from storage.models import Finding
from tests.unit.casework.drafting.test_versions_conflict import drafted, finding_input


def test_of_two_racing_saves_on_postgresql_one_wins_and_one_is_refused(database_url):
    if database_url is None:
        pytest.skip("CASEWORK_TEST_DATABASE_URL names no PostgreSQL server")
    engine = make_engine(database_url)
    sessions = make_session_factory(engine)
    try:
        with sessions() as setup:
            _, finding, _ = drafted(setup)
            finding_id = finding.id
        # Both read version 1 before either saves.
        first, second = sessions(), sessions()
        mine, theirs = first.get(Finding, finding_id), second.get(Finding, finding_id)
        ready = threading.Barrier(2)
        outcomes: dict[str, str] = {}

        def save(name: str, session, row) -> None:
            ready.wait()
            try:
                change_finding(session, row, None, finding_input(
                    name, complaint_point_id=row.complaint_point_id), expected_version=1)
                session.commit()
                outcomes[name] = "saved"
            except EditConflict:
                session.rollback()
                outcomes[name] = "refused"

        threads = [threading.Thread(target=save, args=("Mine", first, mine)),
                   threading.Thread(target=save, args=("Theirs", second, theirs))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        first.close()
        second.close()

        assert sorted(outcomes.values()) == ["refused", "saved"]
        [winner] = [name for name, outcome in outcomes.items() if outcome == "saved"]
        with sessions() as check:
            stored = check.get(Finding, finding_id)
            assert (stored.title, stored.version) == (winner, 2)
    finally:
        engine.dispose()
