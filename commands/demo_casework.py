"""The demo's decided casework: forty cases across six organisations, decided over the last
six quarters, so the insight dashboard and report have something real to count.

Each case goes the whole way through the project's own steps: complaint points and findings,
recommendations on the remedy scale, the provisional decision issued, the final one drafted,
reviewed by a second person and issued, and the organisation's compliance accepted or not.
Only the dates are then set back, to spread the decisions over the period: the figures are
about when things happened. Each complaint point's suggested themes are confirmed, and
every other final decision is published with its drafted case summary, so the public index
has something to show. Their letters are not delivered and no PDFs are made, so seeding
takes seconds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.cases import create_case
from casework.compliance import accept_compliance
from casework.decisions import (
    approve_decision,
    draft_decision,
    mark_issued,
    submit_decision,
)
from casework.drafting import (
    FindingInput,
    RecommendationInput,
    RemedyScale,
    Themes,
    add_finding,
    add_recommendation,
    confirm_point_themes,
    suggest_themes,
)
from casework.formats import OFFICE_TIME_ZONE
from casework.insight import default_filter
from casework.publication import (
    approve_review,
    draft_summary,
    publish_decision,
    reviewed_map,
)
from storage.models import Case, Decision, DecisionVersion, User
from storage.objects import ObjectStore
from vocabulary import DecisionStage, Outcome

DECIDED_CASES = 40
# A case decided in the last week would have its PDFs asked for by the worker's reconciler,
# which looks back that far: the demo's decisions are older.
NEWEST_DECISION_DAYS_AGO = 10


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    # The typical days from a case being opened to its final decision here.
    typical_days: int
    # How often its complaints are upheld in full, in part, or not.
    outcome_weights: tuple[int, int, int]
    # How often it complies on time, late, or not yet.
    compliance_weights: tuple[int, int, int]


ORGANISATIONS = (
    DemoOrganisation("Northtown Hospitals NHS Foundation Trust", 210, (5, 3, 2), (6, 3, 1)),
    DemoOrganisation("Riverside Surgery", 120, (3, 3, 4), (8, 1, 1)),
    DemoOrganisation("Eastfield Community Health NHS Trust", 260, (4, 4, 2), (4, 4, 2)),
    DemoOrganisation("Valley Ambulance Service NHS Trust", 180, (2, 4, 4), (7, 2, 1)),
    DemoOrganisation("Child Maintenance Service", 300, (6, 2, 2), (3, 4, 3)),
    DemoOrganisation("Hilltop Dental Practice", 90, (2, 2, 6), (9, 1, 0)),
)
COMPLAINTS = (
    ("A delayed diagnosis", "The diagnosis was delayed by six weeks.",
     "Symptoms were recorded on three visits without a referral.",
     "A referral within two weeks of suspected symptoms (NICE NG12)."),
    ("Poor communication", "The family were not kept informed.",
     "Nobody told the family of the change in condition for two days.",
     "Next of kin are told within four hours of a significant change."),
    ("Complaint handling", "The complaint took too long to answer.",
     "The complaint was answered after five months.",
     "A complaint is answered within the time agreed, and told of any delay."),
    ("Discharge arrangements", "The discharge was unsafe.",
     "The patient went home without the care package being in place.",
     "Discharge waits until the agreed care is arranged."),
    ("Payments", "Maintenance was miscalculated.",
     "The income figure used was a year out of date.",
     "The latest income evidence is used for each calculation."),
    ("Records", "Records were lost.",
     "The records of two appointments could not be found.",
     "Records are kept for every appointment (Records Management Code of Practice)."),
)
NAMES = ("Mr A Adams", "Ms B Brown", "Mrs C Clarke", "Mr D Davies", "Miss E Evans",
         "Mr F Fisher", "Mrs G Green", "Mr H Hughes", "Ms I Irving", "Mr J Jones")


def seed_decided_casework(session: Session, store: ObjectStore, investigator: User,
                          reviewer: User, scale: RemedyScale, today: date,
                          themes: Themes) -> list[Case]:
    """Make DECIDED_CASES decided cases, the same ones each time (a fixed seed)."""
    chosen = random.Random(2026)
    period = default_filter(today)
    last = today - timedelta(days=NEWEST_DECISION_DAYS_AGO)
    span = (last - period.start).days
    cases = []
    for number in range(DECIDED_CASES):
        organisation = ORGANISATIONS[number % len(ORGANISATIONS)]
        decided_on = period.start + timedelta(days=round(span * (number + 0.5) / DECIDED_CASES))
        typical = organisation.typical_days
        days = max(30, round(chosen.gauss(typical, typical / 3)))
        outcome = chosen.choices(list(Outcome), organisation.outcome_weights)[0]
        case = _decided_case(session, store, investigator, reviewer, scale, today, chosen,
                             organisation, NAMES[number % len(NAMES)], outcome)
        _set_dates(session, case, scale, decided_on - timedelta(days=days), decided_on)
        _comply(session, case, investigator, chosen, organisation, today)
        for point in case.complaint_points:
            confirm_point_themes(session, point, investigator,
                                 [s.theme.slug for s in suggest_themes(themes, point)], themes)
        if number % 2 == 0:
            _publish(session, store, case, investigator, today)
        session.commit()
        cases.append(case)
    return cases


def _publish(session: Session, store: ObjectStore, case: Case, investigator: User,
             today: date) -> None:
    """Approve the case's anonymisation map and publish its final decision."""
    final = session.scalar(select(Decision).where(Decision.case_id == case.id,
                                                  Decision.stage == DecisionStage.FINAL))
    approve_review(session, case, investigator, today,
                   reviewed_map(session, case, today).fingerprint)
    publish_decision(session, store, final, investigator, draft_summary(final), today)


def _decided_case(session: Session, store: ObjectStore, investigator: User, reviewer: User,
                  scale: RemedyScale, today: date, chosen: random.Random,
                  organisation: DemoOrganisation, complainant: str, outcome: Outcome) -> Case:
    title, point, happened, standard = chosen.choice(COMPLAINTS)
    case = create_case(session, investigator, complainant, organisation.name, point)
    failings = {Outcome.UPHELD: (True, True), Outcome.PARTLY_UPHELD: (True, False),
                Outcome.NOT_UPHELD: (False, False)}[outcome]
    findings = [add_finding(session, case, investigator, FindingInput(
        title=f"{title}, part {index}" if index > 1 else title,
        complaint_point=point if index == 1 else f"{point} The response did not put it right.",
        what_happened=happened, what_should_have_happened=standard,
        conclusion="service_failure" if failing else "no_failing",
        injustice="Distress and time lost putting it right." if failing else "",
        principle="getting_it_right"))
        for index, failing in enumerate(failings, start=1)]
    if failings[0]:
        _recommend(session, case, investigator, scale, today, chosen, findings[0].id)
    for stage in (DecisionStage.PROVISIONAL, DecisionStage.FINAL):
        version = draft_decision(session, store, case, investigator, today, stage,
                                 early_reason="Both sides have said they have nothing to add."
                                 if stage is DecisionStage.FINAL else None)
        submit_decision(session, version.decision, investigator)
        approve_decision(session, version.decision, reviewer)
        mark_issued(session, version.decision, investigator)
    return case


def _recommend(session: Session, case: Case, investigator: User, scale: RemedyScale,
               today: date, chosen: random.Random, finding_id: int) -> None:
    due = today + timedelta(days=28)
    add_recommendation(session, case, investigator, RecommendationInput(
        kind="apology", text="Apologise for the failings we found.", finding_id=finding_id,
        due_date=due, from_whom="the chief executive"), today, scale)
    level = scale.level(chosen.choice((1, 1, 2, 2, 3)))
    # Most payments fall within their level's band; a few go beyond it, with the reason.
    beyond = chosen.random() < 0.15
    amount = level.max_pence + 25_000 if beyond else chosen.randrange(
        level.min_pence, level.max_pence + 1, 2_500)
    add_recommendation(session, case, investigator, RecommendationInput(
        kind="payment", text="Pay for the distress and inconvenience caused.",
        finding_id=finding_id, due_date=due, amount_pence=amount, basis="injustice",
        severity_level=level.level,
        justification="The injustice lasted well beyond the level's examples." if beyond
        else ""), today, scale)
    if chosen.random() < 0.5:
        add_recommendation(session, case, investigator, RecommendationInput(
            kind="service_improvement", text="Review the procedure and train the staff.",
            finding_id=finding_id, due_date=today + timedelta(days=90),
            compliance_evidence="The revised procedure and the training record."), today,
            scale)


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), OFFICE_TIME_ZONE).astimezone(UTC)


def _set_dates(session: Session, case: Case, scale: RemedyScale, opened: date,
               decided_on: date) -> None:
    """Set the case back to when it happened: opened, each decision issued, each version
    dated, each recommendation due from the final decision's date."""
    case.created_at = _moment(opened, 10)
    provisional_on = opened + (decided_on - opened) * 3 // 4
    for decision in session.scalars(select(Decision).where(Decision.case_id == case.id)):
        on = decided_on if decision.stage is DecisionStage.FINAL else provisional_on
        decision.created_at = decision.issued_at = _moment(on, 15)
        for version in session.scalars(select(DecisionVersion)
                                       .where(DecisionVersion.decision_id == decision.id)):
            version.created_at, version.dated = _moment(on, 11), on
    for recommendation in case.recommendations:
        recommendation.due_date = scale.default_due_date(recommendation.kind.value, decided_on)
    session.flush()


def _comply(session: Session, case: Case, investigator: User, chosen: random.Random,
            organisation: DemoOrganisation, today: date) -> None:
    """The organisation complies on time, late, or not yet, as it tends to."""
    for recommendation in case.recommendations:
        due = recommendation.due_date
        how = chosen.choices(("on time", "late", "not yet"), organisation.compliance_weights)[0]
        on = (due - timedelta(days=chosen.randrange(0, 14)) if how == "on time"
              else due + timedelta(days=chosen.randrange(5, 60)))
        if how != "not yet" and on <= today:
            accept_compliance(session, recommendation, investigator, on, today=today)
