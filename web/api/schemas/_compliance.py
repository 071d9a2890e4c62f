"""Compliance: the recommendations followed up, the evidence an organisation sends, and the
investigator's answer."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from casework.compliance import MAX_NOTE_LENGTH
from vocabulary import ComplianceStatus, ComplianceStep, RecommendationKind
from web.api.schemas._base import Body, described
from web.api.schemas._fields import Choice, Day, Text
from web.ids import LARGEST_ID


class RecommendationFilter(Schema):
    class Meta:
        unknown = EXCLUDE

    status = Choice(ComplianceStatus, load_default=None,
                    metadata=described("Only recommendations where compliance stands so"))
    # From the query string: digits, not a JSON number, so not the strict `Id`.
    organisation_id = fields.Integer(load_default=None, strict=False, validate=validate.Range(
        1, LARGEST_ID, error="must be an organisation id"), error_messages={
        "invalid": "must be an organisation id"},
        metadata=described("Only recommendations made to this organisation"))


class FollowedRecommendation(Schema):
    """A recommendation of an issued final decision, and where compliance with it stands."""

    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    kind = Choice(RecommendationKind, required=True)
    text = fields.String(required=True)
    due = fields.Date(attribute="due_date", allow_none=True, required=True)
    status = Choice(ComplianceStatus, attribute="compliance_status", required=True)
    organisation = fields.String(attribute="case.organisation.name", required=True,
                                 metadata=described("The organisation's name"))


class FollowedRecommendations(Schema):
    items = fields.List(fields.Nested(FollowedRecommendation), required=True)


class ComplianceEntry(Schema):
    step = Choice(ComplianceStep, required=True)
    note = fields.String(allow_none=True, required=True, metadata=described(
        "The organisation's note, the investigator's comment, or the reason for a new date"))
    evidence_ids = fields.List(fields.Integer(), required=True)
    due_date = fields.Date(allow_none=True, required=True,
                           metadata=described("The new due date agreed, for that step"))
    created_at = fields.DateTime(required=True)


class ComplianceRecord(FollowedRecommendation):
    """The recommendation with its compliance history."""

    complied_on = fields.Date(allow_none=True, required=True)
    entries = fields.List(fields.Nested(ComplianceEntry), attribute="compliance_entries",
                          required=True)


class ComplianceUpload(Schema):
    file = fields.List(fields.Raw(metadata={"type": "string", "format": "binary"}),
                       metadata=described("One or more files; repeat the field"))
    note = fields.String(metadata=described("What the files show",
                                            maxLength=MAX_NOTE_LENGTH))


class Acceptance(Body):
    complied_on = Day(load_default=None, allow_none=True,
                      metadata=described("The day it was done; today when left out"))


class MoreRequested(Body):
    comment = Text(required=True, metadata=described(
        "What more the organisation must send; it sees this", maxLength=MAX_NOTE_LENGTH))
