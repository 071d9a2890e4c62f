"""The organisation portal's forms. As everywhere here, the rules (limits, what may be sent
when) stay in the domain (`casework.compliance`, `casework.decisions`); forms only read what
was sent."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import TextAreaField
from wtforms.validators import Optional

from casework.evidence import supported_labels_text


class PortalCommentsForm(FlaskForm):
    text = TextAreaField("Your comments", description="Type your comments, or upload them as "
                                                      "a file", validators=[Optional()])
    file = FileField("Or upload a file", validators=[Optional()])


class ComplianceForm(FlaskForm):
    files = MultipleFileField(
        "Evidence that you have done it",
        description=f"Supported types: {supported_labels_text()}. You can select several files.")
    note = TextAreaField("Note for the investigator", validators=[Optional()])
