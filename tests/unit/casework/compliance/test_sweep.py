"""The daily sweep on fixed dates: reminders before the due date and once it has passed,
recommendations marked overdue, every reminder made and sent once however often the sweep
runs; by email to a real SMTP server, else into the outbox."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import pytest
from sqlalchemy import select

from casework.compliance import sweep
from casework.decisions import (
    approve_decision,
    draft_decision,
    mark_issued,
    mark_posted,
    send_delivery,
    submit_decision,
)
from casework.drafting import RecommendationInput, add_recommendation, load_scale
from casework.formats import office_today
from casework.users import get_user_by_email
from storage.models import AuditEvent, Case, ComplianceEntry, Delivery, Recommendation, Reminder
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.issuing import issued_version
from tests.smtp import smtp_server
from vocabulary import (
    Channel,
    ComplianceStatus,
    ComplianceStep,
    DecisionStage,
    DeliveryStatus,
    ReminderKind,
)
from wiring import SmtpSettings, send_email

SENDER = "Casework <casework@ombudsman.example>"
CONTACTS = ("complaints@northtown.example", "chief.executive@northtown.example")
TODAY = office_today()
SOON, LATER = TODAY + timedelta(days=20), TODAY + timedelta(days=60)


@pytest.fixture
def store(app):
    return app.extensions["casework.storage"].objects


@pytest.fixture
def people(db):
    return get_user_by_email(db, INVESTIGATOR[0]), get_user_by_email(db, REVIEWER[0])


def _with_recommendations(db, store, people, dues, *, final: bool = True,
                          contact_emails=CONTACTS, organisation="Northtown Hospitals NHS Trust"):
    """A case with one recommendation per due date in `dues`, its final decision issued
    (or, with final=False, only the provisional one); committed."""
    drafter, reviewer = people
    version = issued_version(db, store, drafter, reviewer, contact_emails=contact_emails,
                             organisation=organisation)
    case = version.decision.case
    for number, due in enumerate(dues, start=1):
        add_recommendation(db, case, drafter, RecommendationInput(
            kind="explanation", text=f"Explain to Mrs Lovelace what went wrong ({number}).",
            finding_id=case.findings[0].id, due_date=due), TODAY, load_scale())
    if final:
        final_version = draft_decision(db, store, case, drafter, TODAY, DecisionStage.FINAL,
                                       early_reason="Both sides said they have nothing to add")
        submit_decision(db, final_version.decision, drafter)
        approve_decision(db, final_version.decision, reviewer)
        mark_issued(db, final_version.decision, drafter)
    db.commit()
    return case


def _sweep(db, outbox, as_of: date, *, by_email: bool = False, reminder_days: int = 7):
    result = sweep(db, as_of, reminder_days=reminder_days, outbox_dir=outbox,
                   by_email=by_email)
    db.commit()
    return result


def _reminders(db) -> list[tuple[int, ReminderKind, date]]:
    return [(r.recommendation_id, r.kind, r.due_date)
            for r in db.scalars(select(Reminder).order_by(Reminder.id))]


def _actions(db, prefix: str) -> list[str]:
    return list(db.scalars(select(AuditEvent.action).where(AuditEvent.action.like(prefix))
                           .order_by(AuditEvent.id)))


def test_reminds_once_before_the_due_date_then_marks_overdue_once(db, store, people,
                                                                  tmp_path):
    case = _with_recommendations(db, store, people, [SOON, LATER])
    first, second = case.recommendations
    outbox = tmp_path / "outbox"

    # More than a week before: nothing yet.
    assert _sweep(db, outbox, SOON - timedelta(days=8)).reminders == []
    assert _reminders(db) == []

    # A week before, then the next day: one reminder, made by the first sweep only.
    made = _sweep(db, outbox, SOON - timedelta(days=7))
    again = _sweep(db, outbox, SOON - timedelta(days=6))
    assert len(made.reminders) == 1 and made.overdue == []
    assert (again.reminders, again.overdue, again.emails) == ([], [], [])
    assert _reminders(db) == [(first.id, ReminderKind.DUE_SOON, SOON)]

    # On the due date itself it is due, not overdue.
    assert _sweep(db, outbox, SOON).overdue == []
    db.refresh(first)
    assert first.compliance_status is ComplianceStatus.OPEN

    # The day after: overdue, with its step, its event and its reminder, once.
    late = _sweep(db, outbox, SOON + timedelta(days=1))
    later = _sweep(db, outbox, SOON + timedelta(days=2))
    assert late.overdue == [first.id] and len(late.reminders) == 1
    assert (later.reminders, later.overdue) == ([], [])
    db.refresh(first)
    db.refresh(second)
    assert first.compliance_status is ComplianceStatus.OVERDUE
    assert second.compliance_status is ComplianceStatus.OPEN
    entries = list(db.scalars(select(ComplianceEntry)))
    assert [(e.recommendation_id, e.step, e.due_date, e.created_by_id) for e in entries] == [
        (first.id, ComplianceStep.MARKED_OVERDUE, SOON, None)]
    assert _reminders(db) == [(first.id, ReminderKind.DUE_SOON, SOON),
                              (first.id, ReminderKind.OVERDUE, SOON)]
    overdue_events = db.scalars(select(AuditEvent).where(
        AuditEvent.action == "compliance.marked_overdue")).all()
    assert [(e.subject_id, e.case_id, e.detail) for e in overdue_events] == [
        (first.id, case.id, {"due": SOON.isoformat(), "from": "open"})]


def test_without_a_mail_server_each_reminder_is_one_file_in_the_outbox(db, store, people,
                                                                      tmp_path):
    case = _with_recommendations(db, store, people, [SOON])
    outbox = tmp_path / "outbox"

    _sweep(db, outbox, SOON - timedelta(days=3))
    _sweep(db, outbox, SOON - timedelta(days=2))
    _sweep(db, outbox, SOON + timedelta(days=1))
    _sweep(db, outbox, SOON + timedelta(days=5))

    reference = case.reference
    recommendation = case.recommendations[0]
    names = sorted(p.name for p in (outbox / reference).iterdir())
    assert names == [  # and no half-written leftovers
        f"{reference}-reminder-due-soon-recommendation-{recommendation.id}-{SOON}.txt",
        f"{reference}-reminder-overdue-recommendation-{recommendation.id}-{SOON}.txt",
    ]
    soon_text = (outbox / reference / names[0]).read_text()
    assert reference in soon_text
    assert "Explain to Mrs Lovelace what went wrong (1)." in soon_text
    assert f"due by {SOON.day} {SOON:%B %Y}" in soon_text
    assert "we have not yet accepted" in (outbox / reference / names[1]).read_text()
    deliveries = db.scalars(select(Delivery).order_by(Delivery.id)).all()
    assert [(d.letter_id, d.channel, d.status, d.address, d.message_id)
            for d in deliveries if d.reminder_id is not None] == [
        (None, Channel.POST, DeliveryStatus.TO_POST, None, f"{reference}/{name}")
        for name in names]
    assert _actions(db, "reminder.%") == ["reminder.made", "reminder.to_post"] * 2


def test_by_email_each_contact_gets_each_reminder_once(db, store, people, tmp_path):
    case = _with_recommendations(db, store, people, [SOON])
    outbox = tmp_path / "outbox"

    with smtp_server() as server:
        smtp = SmtpSettings(host=server.host, port=server.port, tls="none",
                            from_address=SENDER)
        send = partial(send_email, smtp)
        for as_of in (SOON - timedelta(days=7), SOON - timedelta(days=7),
                      SOON + timedelta(days=3), SOON + timedelta(days=4)):
            result = _sweep(db, outbox, as_of, by_email=True)
            # Each email as the worker sends it, and as a task run twice would.
            for delivery_id in result.emails + result.emails:
                send_delivery(db, store, delivery_id, send, SENDER)
                db.commit()
        received = server.inbox.wait_for(4)
        assert len(server.inbox.messages) == 4

    reference = case.reference
    assert sorted((m.recipients[0], m.message["Subject"]) for m in received) == sorted(
        [(address, f"{reference}: recommendation due {SOON.day} {SOON:%B %Y}")
         for address in CONTACTS]
        + [(address, f"{reference}: recommendation overdue since {SOON.day} {SOON:%B %Y}")
           for address in CONTACTS])
    body = received[0].message.get_content()
    assert "Explain to Mrs Lovelace what went wrong (1)." in body and reference in body
    assert not outbox.exists()  # nothing to post
    deliveries = db.scalars(select(Delivery).where(Delivery.reminder_id.is_not(None))).all()
    assert {(d.status, d.attempts) for d in deliveries} == {(DeliveryStatus.SENT, 1)}
    assert len(deliveries) == 4
    # The events name the side and the reminder, never the address.
    sent = db.scalars(select(AuditEvent).where(AuditEvent.action == "reminder.sent")).all()
    assert len(sent) == 4
    assert all(e.detail["recipient"] == "organisation" and "address" not in e.detail
               and e.case_id == case.id for e in sent)


def test_an_organisation_without_addresses_is_reminded_by_post(db, store, people, tmp_path):
    case = _with_recommendations(db, store, people, [SOON], contact_emails=())
    result = _sweep(db, tmp_path / "outbox", SOON, by_email=True)

    assert result.emails == [] and len(result.reminders) == 1
    [delivery] = db.scalars(select(Delivery).where(Delivery.reminder_id.is_not(None))).all()
    assert delivery.channel is Channel.POST
    assert (tmp_path / "outbox" / delivery.message_id).is_file()
    # Posting it is recorded as for a letter.
    mark_posted(db, people[0], delivery)
    db.commit()
    assert delivery.status is DeliveryStatus.POSTED
    assert _actions(db, "reminder.posted") == ["reminder.posted"]
    assert case.reference in delivery.message_id


def test_nothing_is_owed_before_the_final_decision_nor_once_complied(db, store, people,
                                                                    tmp_path):
    _with_recommendations(db, store, people, [SOON], final=False)
    complied = _with_recommendations(db, store, people, [SOON],
                                     organisation="Southtown Council")
    recommendation = complied.recommendations[0]
    recommendation.compliance_status = ComplianceStatus.COMPLIED
    recommendation.complied_on = TODAY
    db.commit()

    result = _sweep(db, tmp_path / "outbox", SOON + timedelta(days=30))

    assert (result.reminders, result.overdue, result.emails) == ([], [], [])
    assert _reminders(db) == []
    statuses = db.scalars(select(Recommendation.compliance_status)
                          .order_by(Recommendation.id)).all()
    assert statuses == [ComplianceStatus.OPEN, ComplianceStatus.COMPLIED]


def test_a_new_due_date_earns_reminders_of_its_own(db, store, people, tmp_path):
    case = _with_recommendations(db, store, people, [SOON])
    recommendation = case.recommendations[0]
    outbox = tmp_path / "outbox"
    _sweep(db, outbox, SOON + timedelta(days=1))
    # As agreeing a new date leaves it: open again, due later.
    recommendation.due_date = LATER
    recommendation.compliance_status = ComplianceStatus.OPEN
    db.commit()

    assert _sweep(db, outbox, SOON + timedelta(days=2)).reminders == []
    soon = _sweep(db, outbox, LATER - timedelta(days=2))
    late = _sweep(db, outbox, LATER + timedelta(days=1))

    assert len(soon.reminders) == 1 and late.overdue == [recommendation.id]
    assert _reminders(db) == [(recommendation.id, ReminderKind.OVERDUE, SOON),
                              (recommendation.id, ReminderKind.DUE_SOON, LATER),
                              (recommendation.id, ReminderKind.OVERDUE, LATER)]
    steps = db.scalars(select(ComplianceEntry.due_date).order_by(ComplianceEntry.id)).all()
    assert steps == [SOON, LATER]


def test_the_reminder_window_is_configurable(db, store, people, tmp_path):
    _with_recommendations(db, store, people, [SOON])
    outbox = tmp_path / "outbox"
    assert _sweep(db, outbox, SOON - timedelta(days=10), reminder_days=7).reminders == []
    assert len(_sweep(db, outbox, SOON - timedelta(days=10),
                      reminder_days=14).reminders) == 1


def test_a_case_stays_in_follow_up_while_reminded(db, store, people, tmp_path):
    case = _with_recommendations(db, store, people, [SOON])
    _sweep(db, tmp_path / "outbox", SOON + timedelta(days=1))
    assert db.get(Case, case.id).stage.value == "follow_up"


def test_a_reminder_delivery_belongs_to_its_recommendations_case(db, store, people, tmp_path):
    """So another case's investigator is refused it, as for a letter."""
    from casework.access import case_id_of

    case = _with_recommendations(db, store, people, [SOON])
    _sweep(db, tmp_path / "outbox", SOON - timedelta(days=3))
    [reminder_delivery] = db.scalars(select(Delivery).where(Delivery.reminder_id.is_not(None)))
    assert case_id_of(db, "delivery", reminder_delivery.id) == case.id
