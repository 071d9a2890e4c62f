"""The page forms. The rules (limits included) stay in the domain, which refuses with the
same message on the page and through the API; forms only read what was sent."""

from __future__ import annotations

import re
from decimal import Decimal

from flask import flash
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import (
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from casework.decisions import SectionComment
from casework.drafting import EditConflict
from casework.errors import DomainError
from casework.evidence import supported_labels_text
from vocabulary import (
    Conclusion,
    DocType,
    EvidenceSort,
    EvidenceStatus,
    Labelled,
    Outcome,
    PaymentBasis,
    PersonKind,
    Principle,
    Recipient,
    RecommendationKind,
    Section,
)
from web.date_input import DateInputField


def choices_of(vocabulary: type[Labelled]) -> list[SelectChoice]:
    """A select's or radios' choices: every member of the enum, with its label."""
    return [SelectChoice(member.value, member.label) for member in vocabulary]


class CaseForm(FlaskForm):
    complainant_name = StringField(
        "Complainant's name",
        validators=[DataRequired("Enter the complainant's name")],
    )
    organisation_name = StringField(
        "Organisation complained about",
        description="For example, an NHS trust, a GP practice or a government department",
        validators=[DataRequired("Enter the organisation")],
    )
    complainant_email = StringField(
        "Complainant's email address (optional)",
        description="Letters are emailed here; without it they go to the outbox for posting",
        validators=[Optional()],
    )
    complainant_address = TextAreaField(
        "Complainant's postal address (optional)",
        description="Their letters open with it. Put each line of the address on its own line.",
        validators=[Optional()],
    )
    summary = TextAreaField("Summary of the complaint", validators=[Optional()])


class UploadForm(FlaskForm):
    files = MultipleFileField(
        "Upload evidence",
        description=f"Supported types: {supported_labels_text()}. You can select several files.",
    )


# Far beyond any real bundle, and small enough for every database to look up.
MAX_PAGE = 1_000_000


class EvidenceListForm(Form):
    """The evidence list's filters, sent in the address (GET): no CSRF token, nothing changes."""

    status = SelectField("Status", choices=[SelectChoice("", "Any status"),
                                            *choices_of(EvidenceStatus)],
                         validators=[Optional()])
    doc_type = SelectField("Type", choices=[SelectChoice("", "Any type"), *choices_of(DocType)],
                           validators=[Optional()])
    needs_review = SelectField("Type needs review", choices=[
        SelectChoice("", "Either"), SelectChoice("true", "Needs review"),
        SelectChoice("false", "Does not")], validators=[Optional()])
    mentioning = StringField("Names this person or organisation", validators=[Optional()])
    uploaded_from = DateInputField("Uploaded from")
    uploaded_to = DateInputField("Uploaded to")
    sort = SelectField("Sort by", choices=choices_of(EvidenceSort), default="number")
    descending = SelectField("Order", choices=[SelectChoice("", "First to last"),
                                               SelectChoice("true", "Last to first")],
                             validators=[Optional()])
    page = IntegerField(widget=HiddenInput(), validators=[Optional()], default=1)


class InsightFilterForm(Form):
    """The dashboard's and the report's period and organisation, sent in the address (GET)."""

    # Named as the API names them: the same address works for both.
    start = DateField("From", name="from", format="%Y-%m-%d", validators=[Optional()])
    end = DateField("To", name="to", format="%Y-%m-%d", validators=[Optional()])
    organisation_id = SelectField("Organisation", validate_choice=False, validators=[Optional()])
    theme = StringField("Theme", validators=[Optional()])


class ComplaintPointForm(FlaskForm):
    text = TextAreaField(
        "Complaint point", description="One thing the complainant says went wrong",
        validators=[DataRequired("Enter the complaint point")],
    )


# The choice, in a select, of something not yet made.
NEW_POINT = "new"
NEW_FINDING = "new"
# The finding's radio for a standard that is none of the Principles.
NO_PRINCIPLE = "none"


class FindingForm(FlaskForm):
    title = StringField("Title", validators=[DataRequired("Enter a title")])
    complaint_point_id = SelectField("Complaint point", validate_choice=False)
    # Not named `complaint_point`: filled from a Finding, that would be the point itself.
    new_complaint_point = TextAreaField(
        "New complaint point", description="Only when the finding is on a new point",
        validators=[Optional()],
    )
    what_happened = TextAreaField(
        "What happened", validators=[DataRequired("Enter what happened")]
    )
    what_should_have_happened = TextAreaField(
        "What should have happened",
        description="The standard: law, policy, professional guidance or the Principles",
        validators=[DataRequired("Enter what should have happened")],
    )
    # Radios with nothing chosen: which Principle applies, and whether any does, is the
    # investigator's judgement, so the page never suggests one.
    principle = RadioField(
        "Principle the standard comes from",
        choices=[*choices_of(Principle), SelectChoice(NO_PRINCIPLE, "None of the Principles")],
        validators=[Optional()],
    )
    guidance = StringField(
        "Guidance document", validators=[Optional()],
        description="Optional: the named policy or guidance, for example "
                    "'NICE guideline NG51, Sepsis'",
    )
    conclusion = RadioField(
        "Conclusion", choices=choices_of(Conclusion),
        invalid_choice_message="Select the conclusion",
    )
    injustice = TextAreaField(
        "Injustice", description="What the failing caused that has not been put right",
        validators=[Optional()],
    )
    # A number, not a list of the case's files: a case may hold thousands. "Cite this" from
    # the viewer or a search hit fills it in.
    citation_number = IntegerField(
        "Evidence number",
        description="Optional. The file's number in the evidence list, as in “Evidence 12”",
        validators=[Optional(), NumberRange(min=1, max=MAX_PAGE,
                                            message="Enter the evidence number, for example 12")],
    )
    citation_page = IntegerField(
        "Page number",
        validators=[Optional(), NumberRange(min=1, max=MAX_PAGE,
                                            message=f"Enter a page from 1 to {MAX_PAGE:,}")],
    )
    citation_quote = TextAreaField(
        "Quote from that page", description="Optional. It must appear on the page cited.",
        validators=[Optional()],
    )
    # The version the page was filled from: a save made from an older one is refused.
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])


class CiteForm(FlaskForm):
    """"Cite this": a passage of one page, added to a finding or to a new one."""

    finding_id = SelectField("Add the citation to", validate_choice=False)
    evidence_id = HiddenField()
    page = HiddenField()
    quote = TextAreaField(
        "Quote", validators=[Optional()],
        description="Optional. Shorten it if you like; it must appear on the page cited.",
    )


class OverrideForm(FlaskForm):
    """An outcome chosen by hand: "derived" keeps what the record says; anything else needs
    the reason."""

    reason = TextAreaField(
        "Reason for the override", validators=[Optional()],
        description="Needed when you decide differently from what is derived; it is kept",
    )


class PointOutcomeForm(OverrideForm):
    upheld = RadioField(
        "Is this complaint point upheld?",
        choices=[SelectChoice("derived", "As the findings say"), SelectChoice("yes", "Upheld"),
                 SelectChoice("no", "Not upheld")],
        default="derived",
    )


class CaseOutcomeForm(OverrideForm):
    outcome = RadioField(
        "Outcome of the case",
        choices=[SelectChoice("derived", "As the complaint points say")]
        + choices_of(Outcome),
        default="derived",
    )


# Pounds as people type them once the pound sign and commas are gone: "250", "12.5", ".50".
# No exponent and at most 20 digits: Decimal reads "1e9999999", and making pence of it
# never ends. The domain refuses any payment above its maximum; this only keeps it readable.
_AMOUNT = re.compile(r"-?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})")


class RecommendationForm(FlaskForm):
    finding_id = SelectField("Finding it puts right", validate_choice=False)
    # Asked first, with nothing chosen; each kind's own questions are revealed under it.
    kind = RadioField(
        "What kind of recommendation is it?", choices=choices_of(RecommendationKind),
        invalid_choice_message="Select the kind of recommendation",
    )
    text = TextAreaField(
        "What the organisation must do", validators=[DataRequired("Enter what must be done")]
    )
    due_date = DateInputField(
        "Due date",
        description="Leave empty for the usual deadline: one month, or three months for a "
                    "service improvement.",
    )
    from_whom = StringField(
        "Who must apologise", description="A role of sufficient seniority, "
        "for example the chief executive", validators=[Optional()],
    )
    compliance_evidence = TextAreaField(
        "Evidence of compliance", description="What the "
        "organisation must send us to show it has done it", validators=[Optional()],
    )
    amount = StringField(
        "Amount in pounds", description="For example, 250.00",
        validators=[Optional()],
    )
    basis = SelectField("Payment for", choices=[SelectChoice("", "Choose what it is for"),
                                                *choices_of(PaymentBasis)],
                        validators=[Optional()])
    severity_level = SelectField("Severity of the injustice", validate_choice=False,
                                 validators=[Optional()])
    justification = TextAreaField(
        "Why the amount is outside its band", description="Only needed when the amount lies "
        "outside the band of the level chosen", validators=[Optional()],
    )
    # The version the page was filled from: a save made from an older one is refused.
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])

    def validate_amount(self, field):
        # Only a payment's amount is read: another kind's hidden questions are left out.
        if field.data and self.kind.data == RecommendationKind.PAYMENT.value:
            try:
                self.amount_pence()
            except ValueError as error:
                raise ValidationError(str(error)) from None

    def amount_pence(self) -> int | None:
        """The amount as whole pence; refuses fractions of a penny."""
        raw = (self.amount.data or "").replace("£", "").replace(",", "").strip()
        if not raw:
            return None
        if _AMOUNT.fullmatch(raw) is None:
            raise ValueError("Enter the amount as a number, like 250.00")
        pence = Decimal(raw) * 100
        if pence != pence.to_integral_value():
            raise ValueError("The amount must be in whole pence")
        return int(pence)


# The investigator's review of the anonymisation map (casework.publication).
PERSON_KIND_CHOICES = choices_of(PersonKind)


# The review of a decision (casework.decisions): a comment box per section.
class ReviewForm(FlaskForm):
    findings = TextAreaField(Section.FINDINGS.label, validators=[Optional()])
    recommendations = TextAreaField(Section.RECOMMENDATIONS.label, validators=[Optional()])
    amounts = TextAreaField(Section.AMOUNTS.label, validators=[Optional()])
    wording = TextAreaField(Section.WORDING.label, validators=[Optional()])
    general = TextAreaField(Section.GENERAL.label, validators=[Optional()],
                            description="Required when you request changes, unless you "
                                        "commented on a section above")
    # The version the reviewer read: a newer one that came meanwhile is not decided unseen.
    version = IntegerField(widget=HiddenInput(), validators=[Optional()])

    def comments(self) -> list[SectionComment]:
        return [SectionComment(section, getattr(self, section.value).data or "")
                for section in Section]


class FinalDecisionForm(FlaskForm):
    reason = TextAreaField(
        "Reason for drafting the final decision now",
        description="Needed only inside the comment period, before both sides have replied",
        validators=[Optional()])


class CommentsForm(FlaskForm):
    sender = RadioField("Who sent these comments?", choices=choices_of(Recipient),
                        validators=[DataRequired("Select who sent the comments")])
    text = TextAreaField("Comments", description="Type or paste what they said, or upload "
                                                 "the file they sent", validators=[Optional()])
    file = FileField("Or upload the file they sent", validators=[Optional()])


class PersonLabelForm(Form):
    """One person's row: a plain Form, as the page's one CSRF token covers every row."""

    original = HiddenField()
    kind = SelectField("Kind of person", choices=PERSON_KIND_CHOICES)
    # Not "label": a FormField would hide a subfield of that name behind its own label.
    published_as = StringField("Published as")


class AnonymisationReviewForm(FlaskForm):
    people = FieldList(FormField(PersonLabelForm))


class MissedPersonForm(FlaskForm):
    name = StringField(
        "Name as written in the case", validators=[
            DataRequired("Enter the person's name")],
    )
    aliases = StringField(
        "Other ways the name is written", validators=[Optional()],
        description="Optional. Separate them with commas, for example: Eve, Mrs Smith",
    )
    kind = RadioField("Kind of person", choices=PERSON_KIND_CHOICES, default="adult")


# Where the domain's field names differ from the page's controls.
FORM_FIELDS = {"complaint_point": "new_complaint_point", "amount_pence": "amount"}


def show_error(form, error: DomainError, fallback: str) -> None:
    """Put a domain error beside the control it is about, or beside `fallback`."""
    name = FORM_FIELDS.get(error.field or "", error.field or "")
    field = form[name] if name in form else form[fallback]
    field.errors = list(field.errors) + [error.message]


def show_conflict(error: EditConflict) -> None:
    """Tell someone whose save came after another's that the page now shows the other one,
    with what they typed beside it to copy from."""
    flash(f"{error.headline} Their version is shown; make your changes again.", "error")


class PointThemesForm(FlaskForm):
    """The themes an investigator confirms for a complaint point; the choices are the
    taxonomy's, checked by the domain."""

    themes = SelectMultipleField("Themes", validate_choice=False)


class CaseSearchForm(Form):
    """The search across cases, read from the query string; the organisation and theme
    choices are filled in by the view."""

    q = StringField("Words to find")
    organisation = SelectField("Organisation", validate_choice=False)
    theme = SelectField("Theme", validate_choice=False)
    outcome = SelectField("Outcome of the latest issued decision",
                          choices=[SelectChoice("", "Any outcome"), *choices_of(Outcome)],
                          default="")
    doc_type = SelectField("Type of document", choices=[
        SelectChoice("", "Any type"),
        *(SelectChoice(t.value, t.label) for t in DocType.assignable())], default="")
    uploaded_from = DateField("Uploaded from", format="%Y-%m-%d", validators=[Optional()])
    uploaded_to = DateField("Uploaded to", format="%Y-%m-%d", validators=[Optional()])
