"""The schedule: the daily sweep in the beat schedule at the time set, and the worker's task
that carries it out as of the office's today."""

from __future__ import annotations

import os
from datetime import timedelta

import pytest
from sqlalchemy import select

from casework.decisions import approve_decision, draft_decision, mark_issued, submit_decision
from casework.drafting import RecommendationInput, add_recommendation, load_scale
from casework.formats import office_today
from casework.users import get_user_by_email
from storage.models import Reminder
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.issuing import issued_version
from vocabulary import DecisionStage, ReminderKind
from wiring import RECONCILE, SWEEP_COMPLIANCE, load_settings, make_celery


def test_the_sweep_is_scheduled_daily_at_the_time_set_in_office_time(tmp_path):
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_SWEEP_AT": "05:45"})
    conf = make_celery(settings).conf
    entry = conf.beat_schedule["compliance-sweep"]
    assert entry["task"] == SWEEP_COMPLIANCE
    schedule = entry["schedule"]
    assert (schedule.hour, schedule.minute) == ({5}, {45})
    assert schedule.day_of_week == set(range(7))
    assert conf.timezone == "Europe/London"


def test_the_reconciler_is_scheduled_every_interval_set(tmp_path):
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                              "CASEWORK_RECONCILE_SECONDS": "30"})
    entry = make_celery(settings).conf.beat_schedule["reconcile"]
    assert entry["task"] == RECONCILE
    assert entry["schedule"] == 30
    # A pass nobody took in time is dropped: the next one looks at the same rows.
    assert entry["options"]["expires"] == 30


@pytest.fixture
def worker_app(settings):
    from worker import celery_app
    from worker.celery_app import create_worker

    celery = create_worker(settings)
    yield celery
    # The task opened this process's storage on the test's database: close it, so a later
    # test's task opens its own.
    storage = celery_app._storage_by_process.pop(os.getpid(), None)
    if storage is not None:
        storage.engine.dispose()


def test_the_worker_sweeps_as_of_today(app, db, worker_app):
    drafter, reviewer = (get_user_by_email(db, who[0]) for who in (INVESTIGATOR, REVIEWER))
    store = app.extensions["casework.storage"].objects
    today = office_today()
    case = issued_version(db, store, drafter, reviewer).decision.case
    due = today + timedelta(days=3)
    add_recommendation(db, case, drafter, RecommendationInput(
        kind="explanation", text="Explain what went wrong.", finding_id=case.findings[0].id,
        due_date=due), today, load_scale())
    final = draft_decision(db, store, case, drafter, today, DecisionStage.FINAL,
                           early_reason="Both sides said they have nothing to add")
    submit_decision(db, final.decision, drafter)
    approve_decision(db, final.decision, reviewer)
    mark_issued(db, final.decision, drafter)
    db.commit()

    outcome = worker_app.tasks[SWEEP_COMPLIANCE].apply().get()
    again = worker_app.tasks[SWEEP_COMPLIANCE].apply().get()

    assert outcome == "0 marked overdue, 1 reminder(s) made, 0 email(s) queued"
    assert again == "0 marked overdue, 0 reminder(s) made, 0 email(s) queued"
    db.expire_all()
    assert [(r.kind, r.due_date) for r in db.scalars(select(Reminder))] == [
        (ReminderKind.DUE_SOON, due)]
    settings = app.extensions["casework.settings"]
    assert len(list((settings.outbox_dir / case.reference).glob("*-reminder-*.txt"))) == 1
