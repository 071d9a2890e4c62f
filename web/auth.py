"""Signing in and out, and who may do what."""

from __future__ import annotations

import time
from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from casework.audit import record_event
from casework.permissions import can_administer, can_draft, can_review
from casework.users import authenticate
from storage.models import User
from vocabulary import Role
from web.access import record_refusal
from web.extensions import login_manager
from web.runtime import get_db, get_settings

bp = Blueprint("auth", __name__)

# When this browser signed in, in seconds since the epoch: a sign-in lasts
# CASEWORK_SESSION_HOURS, however busy the person keeps it.
SIGNED_IN_AT = "signed_in_at"


class SignedInUser(UserMixin):
    """Flask-Login's view of a user row; the row itself stays free of Flask."""

    def __init__(self, user: User) -> None:
        self.user = user
        self.id = user.id
        self.email = user.email
        self.role = user.role


@login_manager.user_loader
def load_user(user_id: str) -> SignedInUser | None:
    user = get_db().get(User, int(user_id)) if user_id.isdigit() else None
    # A deactivated account's open sessions end with its next request.
    return SignedInUser(user) if user is not None and user.active else None


@bp.before_app_request
def refuse_expired_session():
    """Sign out, and send to sign in again, a browser whose sign-in is too old."""
    if request.blueprint == "api" or request.endpoint == "static" \
            or not current_user.is_authenticated:
        return None
    signed_in_at = session.get(SIGNED_IN_AT)
    # A sign-in from before the time was kept counts as expired.
    if isinstance(signed_in_at, int | float) \
            and time.time() - signed_in_at < get_settings().session_hours * 3600:
        return None
    record_refusal("session_expired")
    _sign_out()
    flash("Your session has expired. Sign in again.", "info")
    back = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("auth.login", next=back))


def template_permissions() -> dict:
    """`can_draft`, `can_review` and `can_administer` for templates, so pages show controls
    by the same rules as the views."""
    user = getattr(current_user, "user", None)
    return {"can_draft": user is not None and can_draft(user),
            "can_review": user is not None and can_review(user),
            "can_administer": user is not None and can_administer(user),
            "signed_in_user": user}


def current_actor() -> User:
    """The signed-in user's row, for the domain functions."""
    return current_user.user


def roles_required(roles: set[Role]):
    """Sign-in required, and one of `roles`; anyone else gets 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                record_refusal("forbidden")
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter your email address")])
    password = PasswordField("Password", validators=[DataRequired("Enter your password")])


def _safe_next(target: str | None, landing: str) -> str:
    # Only same-site paths: an open redirect would make our login page a phishing tool.
    # Browsers read a backslash as a slash, so "/\\evil.example" is another site too.
    if target and target.startswith("/") and not target.startswith("//") \
            and "\\" not in target and target.isprintable() and not urlsplit(target).netloc:
        return target
    return landing


def _landing(user: User) -> str:
    # Organisations have pages of their own; staff start at their work.
    return url_for("portal.index") if user.role is Role.ORGANISATION else url_for("index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        db = get_db()
        user = authenticate(db, form.email.data, form.password.data)
        if user is None:
            form.email.errors.append("Enter a correct email address and password")
        else:
            login_user(SignedInUser(user))
            session[SIGNED_IN_AT] = time.time()
            record_event(db, user, "user.signed_in", user)
            db.commit()
            return redirect(_safe_next(request.args.get("next"), _landing(user)))
    return render_template("auth/login.html", form=form), 200 if not form.errors else 400


@bp.post("/logout")
@login_required
def logout():
    _sign_out()
    flash("You have signed out.", "success")
    return redirect(url_for("auth.login"))


def _sign_out() -> None:
    logout_user()
    session.pop(SIGNED_IN_AT, None)
