"""Cases and the organisations they are about."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import ColumnElement, exists, select
from sqlalchemy.orm import Session, selectinload

from casework.access import sees_case
from casework.addressing import postal_address
from casework.audit import record_event
from casework.emails import normalise_email
from casework.errors import NotFound, ValidationFailed
from storage.models import Case, ComplaintPointTheme, Organisation, User
from vocabulary import CaseStage

# The longest complainant's or organisation's name: the columns' length.
MAX_NAME_LENGTH = 200

# A case's own records: points, findings, recommendations; each has a `case_id`.
Record = TypeVar("Record")


def get_or_create_organisation(session: Session, name: str) -> Organisation:
    name = " ".join(name.split())
    organisation = session.scalar(select(Organisation).where(Organisation.name == name))
    if organisation is None:
        organisation = Organisation(name=name)
        session.add(organisation)
        session.flush()
    return organisation


def _required(value: str | None, field: str, label: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationFailed(f"Enter the {label}", field=field)
    if len(value) > limit:
        raise ValidationFailed(f"The {label} must be {limit} characters or fewer", field=field)
    return value


def create_case(
    session: Session,
    actor: User | None,
    complainant_name: str,
    organisation_name: str,
    summary: str = "",
    complainant_email: str = "",
    complainant_address: str = "",
) -> Case:
    """Open a case and give it its reference (CW-<year>-<number>). The complainant's email,
    when given, is where their letters are sent; their postal address opens the letters."""
    email = (complainant_email or "").strip()
    case = Case(
        complainant_name=_required(complainant_name, "complainant_name", "complainant's name",
                                   MAX_NAME_LENGTH),
        organisation=get_or_create_organisation(
            session, _required(organisation_name, "organisation_name", "organisation",
                               MAX_NAME_LENGTH)
        ),
        summary=(summary or "").strip(),
        complainant_email=normalise_email(email, "complainant_email") if email else None,
        complainant_address=postal_address(complainant_address, "complainant_address"),
        created_by_id=actor.id if actor is not None else None,
        # Its creator works it, until an admin assigns someone else.
        assignee_id=actor.id if actor is not None else None,
    )
    session.add(case)
    session.flush()
    # The id is the only number unique across concurrent writers, so the reference uses it.
    case.reference = f"CW-{case.created_at.year}-{case.id:05d}"
    record_event(session, actor, "case.created", case, case_id=case.id, reference=case.reference)
    session.flush()
    return case


def record_case_access(session: Session, actor: User | None, case: Case, action: str,
                       **detail: object) -> None:
    """Log a read across the case's evidence (its chronology, a search): health data too."""
    record_event(session, actor, f"case.{action}", case, case_id=case.id, **detail)


def has_theme(theme: str) -> ColumnElement[bool]:
    """The condition on `Case` that holds when a complaint point of it has the `theme`."""
    return exists().where(ComplaintPointTheme.theme == theme,
                          ComplaintPointTheme.case_id == Case.id)


def list_cases(session: Session, reader: User | None = None, *,
               stage: CaseStage | None = None, assignee_id: int | None = None,
               organisation_id: int | None = None, theme: str | None = None) -> list[Case]:
    """The cases `reader` may see (all of them for the system), by reference, optionally
    at one stage, assigned to one investigator, about one organisation or with a complaint
    point of one theme."""
    # What the case list shows of each case comes in three queries, not three per case.
    query = select(Case).order_by(Case.reference).options(
        selectinload(Case.assignee), selectinload(Case.organisation),
        selectinload(Case.recommendations))
    if reader is not None:
        query = query.where(sees_case(reader))
    if stage is not None:
        query = query.where(Case.stage == stage)
    if assignee_id is not None:
        query = query.where(Case.assignee_id == assignee_id)
    if organisation_id is not None:
        query = query.where(Case.organisation_id == organisation_id)
    if theme:
        query = query.where(has_theme(theme))
    return list(session.scalars(query))


def get_in_case(session: Session, model: type[Record], case: Case, record_id: int,
                noun: str) -> Record:
    """The `model` row with `record_id`, which must belong to `case`; else NotFound."""
    record = session.get(model, record_id)
    if record is None or record.case_id != case.id:
        raise NotFound(f"no {noun} with id {record_id} in case {case.reference}")
    return record


def get_case(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise NotFound(f"no case with id {case_id}")
    return case


def get_case_by_reference(session: Session, reference: str) -> Case:
    case = session.scalar(select(Case).where(Case.reference == reference.strip().upper()))
    if case is None:
        raise NotFound(f"no case with reference {reference}")
    return case
