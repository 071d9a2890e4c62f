"""The organisations complained about: their names, and where their letters are emailed and
posted."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.addressing import postal_address
from casework.audit import record_event
from casework.cases import MAX_NAME_LENGTH
from casework.emails import normalise_email
from casework.errors import NotFound, ValidationFailed
from casework.users import check_administers
from storage.models import Organisation, User


def list_organisations(session: Session) -> list[Organisation]:
    """Every organisation, by name."""
    return list(session.scalars(select(Organisation).order_by(Organisation.name)))


def get_organisation(session: Session, organisation_id: int) -> Organisation:
    organisation = session.get(Organisation, organisation_id)
    if organisation is None:
        raise NotFound(f"no organisation with id {organisation_id}")
    return organisation


def update_organisation(session: Session, actor: User, organisation: Organisation, name: str,
                        contact_emails: list[str], address: str | None = None) -> None:
    """Rename an organisation, set the addresses its letters are emailed to (none: they go
    by post) and, when given, the postal address they open with."""
    check_administers(actor)
    values = {"name": _organisation_name(session, organisation, name),
              "contact_emails": _contact_emails(contact_emails)}
    if address is not None:
        values["address"] = postal_address(address, "address")
    changed = [field for field, value in values.items() if getattr(organisation, field) != value]
    if not changed:
        return
    for field, value in values.items():
        setattr(organisation, field, value)
    # Which fields and how many email addresses, never the addresses themselves.
    record_event(session, actor, "organisation.changed", organisation, fields=changed,
                 contact_emails=len(values["contact_emails"]))
    session.flush()


def _organisation_name(session: Session, organisation: Organisation, name: str) -> str:
    # Spaced as get_or_create_organisation spaces it, so a new case finds it by name.
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed("Enter the organisation's name", field="name")
    if len(name) > MAX_NAME_LENGTH:
        raise ValidationFailed(f"The organisation's name must be {MAX_NAME_LENGTH} characters "
                               "or fewer", field="name")
    other = session.scalar(select(Organisation.id).where(Organisation.name == name,
                                                         Organisation.id != organisation.id))
    if other is not None:
        raise ValidationFailed(f"Another organisation is already called {name}", field="name")
    return name


def _contact_emails(contact_emails: list[str]) -> list[str]:
    emails: list[str] = []
    for email in contact_emails:
        email = normalise_email(email, "contact_emails")
        if email not in emails:
            emails.append(email)
    return emails
