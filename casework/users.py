"""Accounts, passwords and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from casework.audit import record_event
from casework.cases import get_or_create_organisation
from casework.errors import NotFound, ValidationFailed, one_of
from storage.models import ApiToken, User
from vocabulary import Role

MIN_PASSWORD_LENGTH = 8


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise ValidationFailed(f"{email!r} is not an email address", field="email")
    return email


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role | str,
    organisation_name: str | None = None,
) -> User:
    """Add a user; organisation users must name their organisation."""
    email = normalise_email(email)
    role = one_of(Role, role, "role")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            f"password must be at least {MIN_PASSWORD_LENGTH} characters", field="password"
        )
    if session.scalar(select(User).where(User.email == email)) is not None:
        raise ValidationFailed(f"a user with email {email} already exists", field="email")
    organisation = None
    if role is Role.ORGANISATION:
        if not organisation_name:
            raise ValidationFailed("organisation users need --organisation", field="organisation")
        organisation = get_or_create_organisation(session, organisation_name)
    user = User(
        email=email,
        password_hash=generate_password_hash(password),
        role=role,
        organisation=organisation,
    )
    session.add(user)
    session.flush()
    record_event(session, None, "user.created", user, email=email, role=role.value)
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The user with this email and password, or None."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not check_password_hash(user.password_hash, password):
        return None
    return user


def get_user_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"no user with email {email}")
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(session: Session, user: User) -> str:
    """A new bearer token for `user`; only its hash is stored, so show it once."""
    token = "cw_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, token_hash=_token_hash(token)))
    record_event(session, user, "token.created", user)
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The user a bearer token belongs to, or None."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    return row.user if row is not None else None
