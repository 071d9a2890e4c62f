"""The organisations complained about: their names, and where their letters are emailed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

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
                        contact_emails: list[str]) -> None:
    """Rename an organisation and set the addresses its letters are emailed to (none: they
    go by post)."""
    check_administers(actor)
    name = _organisation_name(session, organisation, name)
    emails = _contact_emails(contact_emails)
    changed = [field for field, value in (("name", name), ("contact_emails", emails))
               if getattr(organisation, field) != value]
    if not changed:
        return
    organisation.name, organisation.contact_emails = name, emails
    # Which fields and how many addresses, never the addresses themselves.
    record_event(session, actor, "organisation.changed", organisation, fields=changed,
                 contact_emails=len(emails))
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
