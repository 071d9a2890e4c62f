"""Admin pages: users, organisations and who investigates which case."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from wtforms import Form

from casework.assignment import assign_case, assignable_investigators, assignee_by_id
from casework.cases import get_case, list_cases
from casework.errors import DomainError
from casework.organisations import get_organisation, list_organisations, update_organisation
from casework.permissions import ADMINS
from casework.users import (
    change_details,
    change_role,
    create_user,
    get_user,
    list_users,
    set_active,
)
from storage.models import Case, User
from web.access import note_refusal
from web.admin_forms import AssignmentForm, NewUserForm, OrganisationForm, UserDetailsForm
from web.auth import current_actor, roles_required
from web.runtime import commit, get_db

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@roles_required(ADMINS)
def index():
    return redirect(url_for("admin.users"))


@bp.route("/users", methods=["GET", "POST"])
@roles_required(ADMINS)
def users():
    """Every account, and a form to add one."""
    form = NewUserForm()
    if form.validate_on_submit():
        try:
            create_user(get_db(), form.email.data, form.password.data, form.role.data,
                        form.organisation.data, name=form.name.data,
                        job_title=form.job_title.data, actor=current_actor())
        except DomainError as error:
            _show(form, error, "email")
        else:
            commit()
            flash("User created.", "success")
            return redirect(url_for("admin.users"))
    return render_template("admin/users.html", form=form, users=list_users(get_db())), \
        400 if form.errors else 200


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@roles_required(ADMINS)
def user(user_id: int):
    """One account: its name, job title and role, and whether it is active."""
    db = get_db()
    account = get_user(db, user_id)
    form = UserDetailsForm(obj=account)
    if form.validate_on_submit():
        try:
            change_details(db, current_actor(), account, form.name.data, form.job_title.data)
            change_role(db, current_actor(), account, form.role.data)
        except DomainError as error:
            _show(form, error, "name")
            db.rollback()  # the details too: the change is saved whole or not at all
        else:
            commit()
            flash("User updated.", "success")
            return redirect(url_for("admin.user", user_id=account.id))
    return render_template("admin/user.html", form=form, account=account), \
        400 if form.errors else 200


@bp.post("/users/<int:user_id>/deactivate", endpoint="deactivate_user",
         defaults={"active": False})
@bp.post("/users/<int:user_id>/reactivate", endpoint="reactivate_user",
         defaults={"active": True})
@roles_required(ADMINS)
def activation(user_id: int, active: bool):
    db = get_db()
    account = get_user(db, user_id)
    try:
        set_active(db, current_actor(), account, active)
    except DomainError as error:
        note_refusal(error)
        flash(error.message, "error")
    else:
        commit()
        flash("User reactivated." if active else
              "User deactivated: they can no longer sign in or use their API tokens.",
              "success")
    return redirect(url_for("admin.user", user_id=user_id))


@bp.get("/organisations")
@roles_required(ADMINS)
def organisations():
    return render_template("admin/organisations.html",
                           organisations=list_organisations(get_db()))


@bp.route("/organisations/<int:organisation_id>", methods=["GET", "POST"])
@roles_required(ADMINS)
def organisation(organisation_id: int):
    """An organisation's name, and where its letters are emailed."""
    db = get_db()
    chosen = get_organisation(db, organisation_id)
    form = OrganisationForm(data={"name": chosen.name, "address": chosen.address,
                                  "contact_emails": "\n".join(chosen.contact_emails or [])})
    if form.validate_on_submit():
        try:
            update_organisation(db, current_actor(), chosen, form.name.data, form.emails(),
                                form.address.data or "")
        except DomainError as error:
            _show(form, error, "name")
        else:
            commit()
            flash("Organisation updated.", "success")
            return redirect(url_for("admin.organisation", organisation_id=chosen.id))
    return render_template("admin/organisation.html", form=form, organisation=chosen), \
        400 if form.errors else 200


@bp.get("/cases")
@roles_required(ADMINS)
def cases():
    """Each case with its investigator, and whom it may be given to instead."""
    return _assignment_page()


@bp.post("/cases/<int:case_id>/assignee")
@roles_required(ADMINS)
def assign(case_id: int):
    db = get_db()
    case = get_case(db, case_id)
    form = _assignment_form(case, assignable_investigators(db))
    if form.validate_on_submit():
        try:
            assign_case(db, current_actor(), case, assignee_by_id(db, form.user_id.data))
        except DomainError as error:
            _show(form, error, "user_id")
        else:
            commit()
            flash(f"Case {case.reference} assigned.", "success")
            return redirect(url_for("admin.cases"))
    return _assignment_page(failed=form), 400


def _assignment_page(failed: AssignmentForm | None = None):
    db = get_db()
    shown = list_cases(db, current_actor())
    investigators = assignable_investigators(db)
    forms = {case.id: failed if failed is not None and failed.case_id == case.id
             else _assignment_form(case, investigators) for case in shown}
    return render_template("admin/cases.html", cases=shown, forms=forms, form=failed)


def _assignment_form(case: Case, investigators: list[User]) -> AssignmentForm:
    # One form a case on the page: the prefix keeps each select's id its own.
    form = AssignmentForm(prefix=f"case-{case.id}", data={"user_id": case.assignee_id})
    form.user_id.choices = [(user.id, user.name or user.email) for user in investigators]
    form.user_id.label.text = f"Investigator for {case.reference}"
    form.case_id = case.id
    return form


def _show(form: Form, error: DomainError, fallback: str) -> None:
    """Put the domain's refusal beside the field it is about, for the error summary."""
    note_refusal(error)
    field = getattr(form, error.field or "", None) or getattr(form, fallback)
    field.errors.append(error.message)
