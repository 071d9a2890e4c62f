"""The admin pages' forms. As with every form here, the rules stay in the domain
(`casework.users`, `casework.organisations`, `casework.assignment`); forms only read what was
sent."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional

from vocabulary import Role
from web.forms import choices_of
from web.ids import record_id


class NewUserForm(FlaskForm):
    email = EmailField("Email address", validators=[DataRequired("Enter the email address")])
    name = StringField("Name", description="Letters are signed with it",
                       validators=[Optional()])
    job_title = StringField("Job title", validators=[Optional()])
    role = SelectField("Role", choices=choices_of(Role))
    organisation = StringField(
        "Organisation", description="For organisation users only: the organisation they "
        "work for", validators=[Optional()])
    password = PasswordField(
        "Initial password", description="At least 8 characters; give it to them in person",
        validators=[DataRequired("Enter an initial password")])


class UserDetailsForm(FlaskForm):
    name = StringField("Name", description="Letters are signed with it",
                       validators=[Optional()])
    job_title = StringField("Job title", validators=[Optional()])
    role = SelectField("Role", choices=choices_of(Role))


class OrganisationForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired("Enter the organisation's name")])
    contact_emails = TextAreaField(
        "Contact email addresses",
        description="One a line. Letters are emailed to each; with none, they go by post.",
        validators=[Optional()])
    address = TextAreaField(
        "Postal address", description="Its letters open with it. Put each line on its own line.",
        validators=[Optional()])

    def emails(self) -> list[str]:
        """The addresses given, one a line, blank lines left out."""
        return [line.strip() for line in (self.contact_emails.data or "").splitlines()
                if line.strip()]


def _chosen_id(value: object) -> int | None:
    # Choices are ids; what a browser sends is text, read as every id from a form is.
    return value if isinstance(value, int) else record_id(value)


class AssignmentForm(FlaskForm):
    # Every choice is checked by the domain, so a stale page is refused with its reason.
    user_id = SelectField("Investigator", coerce=_chosen_id, validate_choice=False,
                          validators=[DataRequired("Choose an investigator")])
