"""The demo: an account for each kind of staff, a case whose evidence the worker processes,
and a second case whose provisional decision waits for the reviewer, so review can be tried
at once; a case in follow-up, and forty decided cases for the insight dashboard."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.cases import create_case
from casework.decisions import (
    approve_decision,
    deliver_letters,
    draft_decision,
    mark_issued,
    record_comment,
    submit_decision,
)
from casework.drafting import (
    FindingInput,
    RecommendationInput,
    add_complaint_point,
    add_finding,
    add_recommendation,
    load_scale,
    load_themes,
)
from casework.evidence import Upload, add_evidence, to_process
from casework.formats import office_today
from casework.users import create_user
from commands.demo_casework import seed_decided_casework
from commands.sample_files import text_docx, text_pdf
from storage.models import Case, User
from storage.objects import ObjectStore
from vocabulary import DecisionStage, Role


@dataclass(frozen=True)
class DemoAccount:
    email: str
    password: str
    role: Role
    # Letters are signed with the investigator's name and job title.
    name: str
    job_title: str
    organisation: str | None = None


DEMO_ACCOUNTS = (
    DemoAccount("investigator@example.org", "investigator-demo", Role.INVESTIGATOR,
                "Sam Patel", "Senior Investigator"),
    DemoAccount("reviewer@example.org", "reviewer-demo", Role.REVIEWER,
                "Jo Clarke", "Assistant Director"),
    DemoAccount("admin@example.org", "admin-demo", Role.ADMIN,
                "Alex Morgan", "Casework Manager"),
    DemoAccount("organisation@example.org", "organisation-demo", Role.ORGANISATION,
                "Pat Jones", "Practice Manager", organisation="Riverside Surgery"),
)
DEMO_COMPLAINANT = "Mrs Ada Lovelace"
DEMO_ORGANISATION = "Northtown Hospitals NHS Foundation Trust"

COMPLAINT_LETTER = [
    [
        "Complaint to the Ombudsman",
        "From: Mrs Ada Lovelace, 12 Example Road, Northtown",
        "Date: 3 March 2026",
        "I complain about the care my late father received at Northtown General Hospital.",
        "He was admitted on 14 January 2026 with a chest infection.",
        "Nobody told us for two days that his condition had worsened.",
    ],
    [
        "The Trust took four months to answer my complaint of 20 January 2026.",
        "I want an apology and an explanation of what went wrong,",
        "and I want the Trust to make sure it does not happen to another family.",
    ],
]
TRUST_RESPONSE = [
    "Northtown Hospitals NHS Foundation Trust",
    "Complaint response, 18 May 2026",
    "We are sorry for the delay in responding to your complaint.",
    "Our records show that the ward did not contact the family on 15 January 2026 "
    "when Mr Lovelace's early warning score rose.",
    "Our policy is that the next of kin is told within four hours of a significant change.",
]


WARD_NOTES = [[
    "Ward 7 nursing notes",
    "15 January 2026, 06:10. NEWS2 score 7. Escalated to the on-call doctor.",
    "15 January 2026, 09:40. Family not yet informed of the deterioration.",
    "16 January 2026, 14:00. Daughter, Mrs Ada Lovelace, told by telephone on 01632 960 123.",
]]


def _ward_email() -> bytes:
    """An email with the ward's notes attached: the attachment becomes evidence of its own."""
    message = EmailMessage()
    message["From"] = "Ward 7 Sister <ward7@northtown-hospitals.example>"
    message["To"] = "complaints@northtown-hospitals.example"
    message["Subject"] = "Notes for the Lovelace complaint"
    message["Date"] = "Wed, 22 Apr 2026 10:15:00 +0100"
    message.set_content("Please find attached the nursing notes for 15 and 16 January 2026.\n")
    message.add_attachment(text_pdf(WARD_NOTES), maintype="application", subtype="pdf",
                           filename="ward-7-nursing-notes.pdf")
    return message.as_bytes()


DEMO_REVIEW_COMPLAINANT = "Mr Tom Example"
DEMO_REVIEW_ORGANISATION = "Riverside Surgery"
DEMO_FOLLOW_UP_COMPLAINANT = "Mrs Grace Example"


def _case_awaiting_review(session: Session, store: ObjectStore, investigator: User) -> Case:
    """A small upheld case whose provisional decision is submitted for review."""
    case = create_case(session, investigator, DEMO_REVIEW_COMPLAINANT, DEMO_REVIEW_ORGANISATION,
                       "A repeat prescription was not issued for three weeks.",
                       complainant_address="4 Mill Lane\nRiverside\nRV2 4ML")
    case.complainant_email = "tom.example@example.net"
    case.organisation.contact_emails = ["complaints@riverside-surgery.example"]
    case.organisation.address = "Riverside Surgery\n1 Surgery Road\nRiverside\nRV1 1SR"
    finding = add_finding(session, case, investigator, FindingInput(
        title="The repeat prescription",
        complaint_point="The surgery did not issue Mr Example's repeat prescription.",
        what_happened="The request of 2 February 2026 was filed without being passed to a GP.",
        what_should_have_happened="Repeat requests are issued within two working days.",
        conclusion="service_failure",
        injustice="Mr Example went without his medication for three weeks and was worried.",
        principle="getting_it_right"))
    today = office_today()
    add_recommendation(session, case, investigator, RecommendationInput(
        kind="apology", text="Apologise to Mr Example for the missed prescription.",
        finding_id=finding.id, due_date=today + timedelta(days=28),
        from_whom="the practice manager"), today, load_scale())
    version = draft_decision(session, store, case, investigator, today)
    submit_decision(session, version.decision, investigator)
    session.commit()
    return case


def _issue(session: Session, store: ObjectStore, version, investigator: User, reviewer: User,
           outbox_dir: Path | None) -> None:
    """Four eyes, then issue: the investigator submits, the reviewer approves."""
    submit_decision(session, version.decision, investigator)
    approve_decision(session, version.decision, reviewer)
    issued = mark_issued(session, version.decision, investigator)
    if outbox_dir is not None:
        deliver_letters(session, store, issued, outbox_dir=outbox_dir, by_email=False,
                        actor=investigator)


def _case_in_follow_up(session: Session, store: ObjectStore, investigator: User,
                       reviewer: User, max_bytes: int, outbox_dir: Path | None) -> Case:
    """A case whose final decision was issued: the surgery has recommendations to carry out
    (the demo organisation account sees them)."""
    case = create_case(session, investigator, DEMO_FOLLOW_UP_COMPLAINANT,
                       DEMO_REVIEW_ORGANISATION,
                       "Test results were not passed on, so a referral was late.",
                       complainant_address="27 Orchard Close\nRiverside\nRV3 7OC")
    case.complainant_email = "grace.example@example.net"
    finding = add_finding(session, case, investigator, FindingInput(
        title="Passing on test results",
        complaint_point="The surgery did not tell Mrs Example about her blood test results.",
        what_happened="The results arrived on 9 March 2026 and were filed unread.",
        what_should_have_happened="A GP reviews results within two working days.",
        conclusion="service_failure",
        injustice="Her referral to a specialist was three weeks later than it should have been.",
        principle="getting_it_right"))
    today = office_today()
    scale = load_scale()
    for kind, text, days, extra in (
        ("apology", "Apologise to Mrs Example for not passing on her results.", 21,
         {"from_whom": "the senior partner"}),
        ("service_improvement", "Review how test results are logged and passed to a GP.", 90,
         {"compliance_evidence": "The revised results procedure and a month of its log."}),
    ):
        add_recommendation(session, case, investigator, RecommendationInput(
            kind=kind, text=text, finding_id=finding.id, due_date=today + timedelta(days=days),
            **extra), today, scale)
    _issue(session, store, draft_decision(session, store, case, investigator, today),
           investigator, reviewer, outbox_dir)
    for sender, text in (("complainant", "I accept the provisional decision."),
                         ("organisation", "We accept the findings and will apologise.")):
        record_comment(session, store, case, investigator, sender, text=text,
                       max_bytes=max_bytes)
    _issue(session, store, draft_decision(session, store, case, investigator, today,
                                          DecisionStage.FINAL),
           investigator, reviewer, outbox_dir)
    session.commit()
    return case


DEMO_COMPLAINT_POINTS = (
    "The ward did not keep the family informed during the admission.",
    "The trust took too long to answer the complaint.",
)


def seed_demo(
    session: Session,
    store: ObjectStore,
    enqueue: Callable[[Iterable[int]], object],
    max_bytes: int,
    outbox_dir: Path | None = None,
) -> tuple[Case, bool]:
    """Create the demo accounts and cases unless they exist; returns (the first case,
    created). With `outbox_dir`, the issued decision's letters are put there to post."""
    for account in DEMO_ACCOUNTS:
        if session.scalar(select(User).where(User.email == account.email)) is None:
            create_user(session, account.email, account.password, account.role,
                        account.organisation, name=account.name, job_title=account.job_title)
    session.commit()
    existing = session.scalar(select(Case).where(Case.complainant_name == DEMO_COMPLAINANT))
    if existing is not None:
        return existing, False
    investigator = session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[0].email))
    case = create_case(
        session, investigator, DEMO_COMPLAINANT, DEMO_ORGANISATION,
        "Poor communication with the family during an admission, "
        "and delay in answering the complaint.",
        complainant_address="12 Example Road\nNorthtown\nNT1 2AB",
    )
    case.organisation.address = ("Trust Headquarters\nNorthtown General Hospital\nNorthtown\n"
                                 "NT9 9ZZ")
    for point in DEMO_COMPLAINT_POINTS:
        add_complaint_point(session, case, investigator, point)
    session.commit()
    items = add_evidence(
        session, store, case, investigator,
        [
            Upload("complaint-letter.pdf", io.BytesIO(text_pdf(COMPLAINT_LETTER))),
            Upload("trust-complaint-response.docx", io.BytesIO(text_docx(TRUST_RESPONSE))),
            Upload("email-from-ward-sister.eml", io.BytesIO(_ward_email())),
        ],
        max_bytes,
    )
    session.commit()
    enqueue(to_process(items))
    reviewer = session.scalar(select(User).where(User.email == DEMO_ACCOUNTS[1].email))
    _case_awaiting_review(session, store, investigator)
    _case_in_follow_up(session, store, investigator, reviewer, max_bytes, outbox_dir)
    seed_decided_casework(session, store, investigator, reviewer, load_scale(), office_today(),
                          load_themes())
    return case, True
