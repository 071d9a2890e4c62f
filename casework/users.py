"""Accounts, passwords and API tokens, and the admin's changes to them."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from casework.audit import record_event
from casework.cases import MAX_NAME_LENGTH, get_or_create_organisation
from casework.emails import normalise_email
from casework.errors import Conflict, Forbidden, NotFound, ValidationFailed, one_of
from casework.permissions import STAFF, can_administer
from storage.models import ApiToken, User
from vocabulary import Role

MIN_PASSWORD_LENGTH = 8
# The longest job title: the column's length.
MAX_JOB_TITLE_LENGTH = 200


def create_user(
    session: Session,
    email: str,
    password: str,
    role: Role | str,
    organisation_name: str | None = None,
    *,
    name: str = "",
    job_title: str = "",
    actor: User | None = None,
) -> User:
    """Add a user; organisation users must name their organisation. `actor` is the admin
    who adds them (None: the command line, run by whoever runs the service)."""
    if actor is not None:
        check_administers(actor)
    email = normalise_email(email)
    role = one_of(Role, role, "role")
    name = _limited(name, "name", "name", MAX_NAME_LENGTH)
    job_title = _limited(job_title, "job_title", "job title", MAX_JOB_TITLE_LENGTH)
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
        name=name,
        job_title=job_title,
        organisation=organisation,
    )
    session.add(user)
    session.flush()
    record_event(session, actor, "user.created", user, role=role.value)  # no email: it names them
    return user


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with this email and password, or None."""
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None or not check_password_hash(user.password_hash, password):
        return None
    return user if user.active else None


def get_user_by_email(session: Session, email: str) -> User:
    user = session.scalar(select(User).where(User.email == email.strip().lower()))
    if user is None:
        raise NotFound(f"no user with email {email}")
    return user


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


# Long enough for an integration's set-up to last a quarter; short enough that a forgotten
# token stops working on its own.
TOKEN_LIFETIME = timedelta(days=90)


def create_token(session: Session, user: User) -> str:
    """A new bearer token for `user`; only its hash is stored, so show it once."""
    token = "cw_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, token_hash=_token_hash(token),
                         expires_at=datetime.now(UTC) + TOKEN_LIFETIME))
    record_event(session, user, "token.created", user)
    return token


def user_for_token(session: Session, token: str) -> User | None:
    """The active user a bearer token belongs to, or None."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    return row.user if row is not None and row.user.active else None


# --- what an admin changes ------------------------------------------------------------------


def check_administers(actor: User) -> None:
    """Refuse anyone but an admin: accounts, organisations and assignment are theirs."""
    if not can_administer(actor):
        raise Forbidden("only an administrator can change accounts, organisations and who "
                        "investigates a case")


def list_users(session: Session) -> list[User]:
    """Every account, by name, then email."""
    return list(session.scalars(select(User).order_by(User.name, User.email)))


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound(f"no user with id {user_id}")
    return user


def change_details(session: Session, actor: User, user: User, name: str,
                   job_title: str) -> None:
    """Set the name and job title letters are signed with."""
    check_administers(actor)
    name = _limited(name, "name", "name", MAX_NAME_LENGTH)
    job_title = _limited(job_title, "job_title", "job title", MAX_JOB_TITLE_LENGTH)
    changed = [field for field, value in (("name", name), ("job_title", job_title))
               if getattr(user, field) != value]
    if not changed:
        return
    user.name, user.job_title = name, job_title
    # Which fields, never what they now say.
    record_event(session, actor, "user.details_changed", user, fields=changed)
    session.flush()


def change_role(session: Session, actor: User, user: User, role: Role | str) -> None:
    """Give `user` another staff role; the last active admin keeps theirs."""
    check_administers(actor)
    role = one_of(Role, role, "role")
    if role is user.role:
        return
    if (role in STAFF) != (user.role in STAFF):
        # An organisation's account belongs to the organisation; staff are never one.
        raise ValidationFailed("An account cannot move between staff and an organisation: "
                               "create a new account instead", field="role")
    if user.role is Role.ADMIN and _last_active_admin(session, user):
        raise Conflict("This is the last active administrator: make another user an "
                       "administrator first", field="role")
    record_event(session, actor, "user.role_changed", user,
                 from_role=user.role.value, to_role=role.value)
    user.role = role
    session.flush()


def set_active(session: Session, actor: User, user: User, active: bool) -> None:
    """Deactivate (or reactivate) an account: a deactivated one can neither sign in nor use
    its tokens, and its records keep its name."""
    check_administers(actor)
    if active == user.active:
        return
    if not active and user.id == actor.id:
        raise ValidationFailed("You cannot deactivate your own account", field="active")
    if not active and user.role is Role.ADMIN and _last_active_admin(session, user):
        raise Conflict("This is the last active administrator: make another user an "
                       "administrator first", field="active")
    user.active = active
    record_event(session, actor, "user.reactivated" if active else "user.deactivated", user)
    session.flush()


def _last_active_admin(session: Session, admin: User) -> bool:
    others = select(User.id).where(User.role == Role.ADMIN, User.active.is_(True),
                                   User.id != admin.id)
    return admin.active and session.scalar(others.limit(1)) is None


def _limited(value: str | None, field: str, label: str, limit: int) -> str:
    value = " ".join((value or "").split())
    if len(value) > limit:
        raise ValidationFailed(f"The {label} must be {limit} characters or fewer", field=field)
    return value
