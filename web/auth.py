"""Signing in and out, and who may do what."""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired

from casework.permissions import can_administer, can_draft, can_review
from casework.users import (
    TooManySignIns,
    authenticate,
    end_sign_in,
    sign_in_expired,
    signed_in,
    start_sign_in,
)
from storage.models import SignInSession, User
from vocabulary import Role
from web.access import record_refusal
from web.extensions import login_manager
from web.runtime import get_db, get_settings

bp = Blueprint("auth", __name__)

# The secret of this browser's sign-in: its hash names a SignInSession row, which sign-out
# and deactivation end on the server, so a copied cookie stops working too.
SIGN_IN_SECRET = "sign_in"


class SignedInUser(UserMixin):
    """Flask-Login's view of a user row; the row itself stays free of Flask."""

    def __init__(self, sign_in: SignInSession) -> None:
        self.sign_in = sign_in
        self.user = sign_in.user
        self.id = self.user.id
        self.email = self.user.email
        self.role = self.user.role


@login_manager.user_loader
def load_user(user_id: str) -> SignedInUser | None:
    # One indexed look-up a request: the open sign-in with its user. An ended one (signed
    # out, or the account deactivated) signs the browser out.
    secret = session.get(SIGN_IN_SECRET)
    row = signed_in(get_db(), secret) if isinstance(secret, str) else None
    return SignedInUser(row) if row is not None and str(row.user_id) == user_id else None


@bp.before_app_request
def refuse_expired_session():
    """Sign out, and send to sign in again, a browser whose sign-in is too old."""
    if request.blueprint == "api" or request.endpoint == "static" \
            or not current_user.is_authenticated \
            or not sign_in_expired(current_user.sign_in, get_settings().session_hours):
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
        try:
            user = authenticate(db, form.email.data, form.password.data,
                                address=request.remote_addr or "")
        except TooManySignIns as error:
            form.email.errors.append(error.message)
            return render_template("auth/login.html", form=form), 429
        if user is None:
            db.commit()  # the failure counts towards the throttle
            form.email.errors.append("Enter a correct email address and password")
        else:
            _sign_out()  # whoever was signed in here before
            sign_in, session[SIGN_IN_SECRET] = start_sign_in(db, user)
            login_user(SignedInUser(sign_in))
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
    secret = session.pop(SIGN_IN_SECRET, None)
    if isinstance(secret, str):
        end_sign_in(get_db(), secret)
        get_db().commit()
    logout_user()
