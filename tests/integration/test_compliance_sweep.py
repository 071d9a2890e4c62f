"""The daily sweep sent to a real worker, as the schedule sends it: the worker marks and
reminds, and the reminders' emails reach a real SMTP server through the letter task, once
each however often the sweep is sent. Embedded mode (the filesystem broker)."""

from __future__ import annotations

import shutil
import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from casework.decisions import approve_decision, draft_decision, mark_issued, submit_decision
from casework.drafting import RecommendationInput, add_recommendation, load_scale
from casework.formats import office_today
from casework.users import create_user
from storage.models import Delivery
from tests.issuing import issued_version
from tests.smtp import smtp_server
from vocabulary import DecisionStage, DeliveryStatus
from wiring import SWEEP_COMPLIANCE, load_settings, make_celery, storage_for

pytestmark = pytest.mark.integration

CONTACT = "complaints@northtown.example"


def _due_in_three_days(storage) -> str:
    """A case whose final decision is issued, with a recommendation due in three days; its
    reference."""
    today = office_today()
    with storage.sessions() as session:
        drafter = create_user(session, "investigator@example.org", "a-long-password",
                              "investigator")
        reviewer = create_user(session, "reviewer@example.org", "a-long-password", "reviewer")
        case = issued_version(session, storage.objects, drafter, reviewer,
                              contact_emails=(CONTACT,)).decision.case
        add_recommendation(session, case, drafter, RecommendationInput(
            kind="explanation", text="Explain what went wrong.",
            finding_id=case.findings[0].id, due_date=today + timedelta(days=3)),
            today, load_scale())
        final = draft_decision(session, storage.objects, case, drafter, today,
                               DecisionStage.FINAL,
                               early_reason="Both sides said they have nothing to add")
        submit_decision(session, final.decision, drafter)
        approve_decision(session, final.decision, reviewer)
        mark_issued(session, final.decision, drafter)
        session.commit()
        return case.reference


def test_the_scheduled_sweep_reminds_by_email_once(tmp_path, migrated_sqlite, start_worker):
    (tmp_path / "var").mkdir()
    shutil.copyfile(migrated_sqlite, tmp_path / "var" / "casework.db")
    with smtp_server() as server:
        env = {"CASEWORK_DATA_DIR": str(tmp_path / "var")} | server.env()
        settings = load_settings(env)
        storage = storage_for(settings)
        reference = _due_in_three_days(storage)
        worker = start_worker(env)
        celery = make_celery(settings)
        celery.send_task(SWEEP_COMPLIANCE)
        celery.send_task(SWEEP_COMPLIANCE)

        # The sweep sent twice runs twice; only the first makes (and sends) the reminder.
        first = "0 marked overdue, 1 reminder(s) made, 1 email(s) queued"
        second = "0 marked overdue, 0 reminder(s) made, 0 email(s) queued"
        [received] = server.inbox.wait_for(1, timeout=60)
        deadline = time.monotonic() + 30
        while True:
            with storage.sessions() as session:
                statuses = session.scalars(select(Delivery.status)).all()
            log = worker.log()
            if statuses == [DeliveryStatus.SENT] and first in log and second in log:
                break
            assert worker.alive(), log
            assert time.monotonic() < deadline, (statuses, log)
            time.sleep(0.2)
        assert len(server.inbox.messages) == 1
    assert received.recipients == [CONTACT]
    assert received.message["Subject"].startswith(f"{reference}: recommendation due ")
    storage.engine.dispose()
