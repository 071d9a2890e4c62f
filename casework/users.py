"""Accounts, passwords and API tokens, and the admin's changes to them."""

from __future__ import annotations

import hashlib
import math
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, contains_eager
from werkzeug.security import check_password_hash, generate_password_hash

from casework.audit import record_event
from casework.cases import MAX_NAME_LENGTH, get_or_create_organisation
from casework.emails import normalise_email
from casework.errors import (
    Conflict,
    DomainError,
    Forbidden,
    NotFound,
    ValidationFailed,
    one_of,
)
from casework.formats import uk_date
from casework.permissions import STAFF, can_administer
from storage.models import ApiToken, SignInFailure, SignInSession, User
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


# Failed sign-ins allowed in FAILURE_WINDOW, per account (whether or not it exists) and per
# address: enough for a person who mistypes, far too few to guess a password.
MAX_FAILURES_PER_ACCOUNT = 5
# Higher, since an office may share one address.
MAX_FAILURES_PER_ADDRESS = 20
FAILURE_WINDOW = timedelta(minutes=15)
# An unknown email's password is checked against this, made by generate_password_hash like
# every account's, so a sign-in takes as long whether or not the account exists. (A test
# holds it to the method and cost generate_password_hash uses now.)
UNKNOWN_ACCOUNT_HASH = (
    "scrypt:32768:8:1$VzfYWDsZfR1OZRkl$fc596663b6bb4fd4435e43ffae7127c10823df6f06dc5ee39edb01"
    "b5f9fbc5f0a054f4dee8e82db42c54d13f11c24000d439465609fc52368311969b3e4f7016"
)


class TooManySignIns(DomainError):
    """Sign-in refused, without looking at the password, after too many failures."""

    code = "too_many_sign_ins"


def authenticate(session: Session, email: str, password: str, *, address: str) -> User | None:
    """The active user with this email and password, or None, the failure then counted
    against the email and the `address` it came from. Raises TooManySignIns, before any
    password is checked, while either has failed too often."""
    email = email.strip().lower()[:254]
    address = address[:64]
    _check_failures(session, SignInFailure.email == email, MAX_FAILURES_PER_ACCOUNT,
                    "for this account")
    _check_failures(session, SignInFailure.address == address, MAX_FAILURES_PER_ADDRESS,
                    "from this address")
    user = session.scalar(select(User).where(User.email == email))
    known = check_password_hash(user.password_hash if user is not None
                                else UNKNOWN_ACCOUNT_HASH, password)
    if user is None or not known or not user.active:
        session.add(SignInFailure(email=email, address=address))
        session.flush()
        return None
    # They know the password: their own slips from here stop counting. Failures from
    # elsewhere still do, so a guesser gains nothing from the owner signing in.
    session.execute(delete(SignInFailure).where(SignInFailure.email == email,
                                                SignInFailure.address == address))
    return user


def _check_failures(session: Session, which, limit: int, whose: str) -> None:
    # The failure whose ageing out brings the count below the limit: none, no throttle.
    since = datetime.now(UTC) - FAILURE_WINDOW
    blocking = session.scalar(select(SignInFailure.at).where(which, SignInFailure.at > since)
                              .order_by(SignInFailure.at.desc()).offset(limit - 1).limit(1))
    if blocking is not None:
        wait = blocking + FAILURE_WINDOW - datetime.now(UTC)
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        raise TooManySignIns(f"Too many failed sign-ins {whose}: try again in {minutes} "
                             f"minute{'s' if minutes != 1 else ''}", field="email")


# --- signed-in browsers ------------------------------------------------------------------------


def start_sign_in(session: Session, user: User) -> tuple[SignInSession, str]:
    """Open a signed-in session for `user`, and the secret for the browser's cookie: only
    its hash is kept, so sign-out can end the session here."""
    secret = secrets.token_urlsafe(32)
    row = SignInSession(user=user, secret_hash=_token_hash(secret))
    session.add(row)
    record_event(session, user, "user.signed_in", user)
    session.flush()
    return row, secret


def signed_in(session: Session, secret: str) -> SignInSession | None:
    """The open sign-in whose cookie holds `secret`, with its user, while the user is
    active; None once it was ended. (How old it may be is the caller's setting.)"""
    return session.scalar(
        select(SignInSession).join(SignInSession.user).options(contains_eager(SignInSession.user))
        .where(SignInSession.secret_hash == _token_hash(secret),
               SignInSession.ended_at.is_(None), User.active.is_(True)))


def sign_in_expired(row: SignInSession, hours: int) -> bool:
    """Whether a sign-in has lasted its `hours`, however busy the person kept it."""
    return datetime.now(UTC) - row.created_at >= timedelta(hours=hours)


def end_sign_in(session: Session, secret: str) -> None:
    """End the sign-in whose cookie holds `secret`: a copy of the cookie no longer works."""
    session.execute(update(SignInSession).where(
        SignInSession.secret_hash == _token_hash(secret), SignInSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC)))


def _end_every_sign_in(session: Session, user: User) -> None:
    session.execute(update(SignInSession).where(
        SignInSession.user_id == user.id, SignInSession.ended_at.is_(None))
        .values(ended_at=datetime.now(UTC)))


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
    """A new bearer token for `user`, valid for TOKEN_LIFETIME; only its hash is stored, so
    show it once."""
    token = "cw_" + secrets.token_urlsafe(32)
    session.add(ApiToken(user=user, token_hash=_token_hash(token),
                         expires_at=datetime.now(UTC) + TOKEN_LIFETIME))
    record_event(session, user, "token.created", user)
    return token


class InvalidToken(DomainError):
    """A bearer token that is unknown, expired, revoked, or its account's deactivated."""

    code = "unauthorized"


def authenticate_token(session: Session, token: str) -> User:
    """The active user a bearer token belongs to; InvalidToken says why not."""
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(token)))
    if row is None or not row.user.active:
        raise InvalidToken("the bearer token is not valid")
    if row.revoked_at is not None:
        raise InvalidToken("the bearer token was revoked: ask for a new one")
    if row.expires_at <= datetime.now(UTC):
        raise InvalidToken(f"the bearer token expired on {uk_date(row.expires_at)}: ask for "
                           "a new one")
    return row.user


def token_expiry(session: Session, token: str) -> datetime:
    """When a token made by create_token stops working."""
    return session.scalar(select(ApiToken.expires_at)
                          .where(ApiToken.token_hash == _token_hash(token)))


def revoke_tokens(session: Session, user: User) -> int:
    """Revoke every token of `user` still in force; how many were."""
    now = datetime.now(UTC)
    revoked = session.execute(update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None), ApiToken.expires_at > now)
        .values(revoked_at=now)).rowcount
    record_event(session, None, "token.revoked", user, count=revoked)
    session.flush()
    return revoked


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
    if not active:
        _end_every_sign_in(session, user)
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
