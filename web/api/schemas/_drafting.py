"""Drafting: complaint points and their outcomes, findings with their citations, recommendations."""

from __future__ import annotations

from marshmallow import Schema, fields

from casework.drafting import (
    MAX_GUIDANCE_LENGTH,
    MAX_POINT_LENGTH,
    MAX_ROLE_LENGTH,
    MAX_TITLE_LENGTH,
    derived_point_upheld,
    point_upheld,
)
from vocabulary import Conclusion, PaymentBasis, Principle, RecommendationKind
from web.api.schemas._base import Body, described, longest
from web.api.schemas._fields import Choice, Day, Flag, Id, Items, Object, Text, Whole

# --- drafting ------------------------------------------------------------------------------


class NewComplaintPoint(Body):
    text = Text(required=True, metadata=longest(MAX_POINT_LENGTH))


class ComplaintPoint(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    number = fields.Integer(required=True)
    text = fields.String(required=True)
    upheld = fields.Function(point_upheld, required=True, metadata={
        "type": "boolean", "description": "The override when there is one"})
    derived_upheld = fields.Function(derived_point_upheld, required=True, metadata={
        "type": "boolean", "description": "Upheld when any of its findings found a failing"})
    override_reason = fields.String(allow_none=True, required=True)
    finding_ids = fields.Function(lambda point: [f.id for f in point.findings], required=True,
                                  metadata={"type": "array", "items": {"type": "integer"}})


class ComplaintPoints(Schema):
    items = fields.List(fields.Nested(ComplaintPoint), required=True)


class PointOutcome(Body):
    upheld = Flag(required=True, allow_none=True, error_messages={
        "required": "is required: true, false, or null to go back to the derived outcome",
        "invalid": "must be true, false or null"},
        metadata=described("null returns to the derived one"))
    reason = Text(optional=True, metadata=described("Required unless upheld is null"))


class CitationIn(Body):
    evidence_id = Id(required=True)
    page = Whole(required=True)
    quote = Text(optional=True, metadata=described("Must occur on the page cited"))


class Citation(Schema):
    id = fields.Integer(required=True, metadata=described("For removing the citation"))
    evidence_id = fields.Integer(required=True)
    page = fields.Integer(required=True)
    quote = fields.String(required=True)


class FindingIn(Body):
    """A finding; in a PATCH, the fields left out keep their value."""

    title = Text(required=True, metadata=longest(MAX_TITLE_LENGTH))
    complaint_point_id = Id(allow_none=True, metadata=described(
        "The point this finding is on; or give complaint_point to add a new point"))
    complaint_point = Text(optional=True, metadata=described(
        "The text of a new complaint point", maxLength=MAX_POINT_LENGTH))
    what_happened = Text(required=True)
    what_should_have_happened = Text(required=True)
    principle = Choice(Principle, allow_none=True)
    guidance = Text(optional=True, metadata=described("A named guidance document",
                                                       maxLength=MAX_GUIDANCE_LENGTH))
    conclusion = Choice(Conclusion, required=True)
    injustice = Text(optional=True)
    citations = Items(Object(CitationIn), load_default=list, metadata=described(
        "Pages cited; in a PATCH they are added to those the finding has"))


# Optional so that clients written before it keep working: without it the last save wins.
def _version_read(noun: str) -> Id:
    return Id(load_default=None, allow_none=True, metadata=described(
        f"The {noun}'s version the changes were made from; refused (409, code conflict) when "
        "someone else has saved it since. Left out, the changes are made to whatever is "
        "stored"))


class FindingChanges(FindingIn):
    """A finding's changes: the fields left out keep their value; citations are added."""

    version = _version_read("finding")


class Finding(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    complaint_point_id = fields.Integer(required=True)
    complaint_point = fields.String(required=True, attribute="complaint_point.text")
    title = fields.String(required=True)
    what_happened = fields.String(required=True)
    what_should_have_happened = fields.String(required=True)
    principle = Choice(Principle, allow_none=True, required=True)
    guidance = fields.String(allow_none=True, required=True)
    conclusion = Choice(Conclusion, required=True)
    injustice = fields.String(required=True)
    citations = fields.List(fields.Nested(Citation), required=True)
    version = fields.Integer(required=True, metadata=described(
        "Raised by each save; send it back with a change"))


class RecommendationIn(Body):
    """A recommendation; in a PATCH, the fields left out keep their value."""

    kind = Choice(RecommendationKind, required=True)
    text = Text(required=True)
    finding_id = Id(required=True)
    due_date = Day(allow_none=True, metadata=described(
        "Defaults by kind: one month, three for a service improvement"))
    amount_pence = Whole(allow_none=True, unbounded=True,
                         metadata=described("Payments only", minimum=1))
    from_whom = Text(optional=True, metadata=described("Apology: who must apologise",
                                                        maxLength=MAX_ROLE_LENGTH))
    basis = Choice(PaymentBasis, allow_none=True, metadata=described("Payments only"))
    severity_level = Whole(allow_none=True, metadata=described(
        "Payment for injustice: the level on the remedy scale"))
    justification = Text(optional=True, metadata=described(
        "Why a payment lies outside its level's band"))
    compliance_evidence = Text(optional=True, metadata=described(
        "Service improvement: what must be sent to show it is done"))


class RecommendationChanges(RecommendationIn):
    """A recommendation's changes: the fields left out keep their value."""

    # A due date that has passed must be set again, not emptied into the default.
    due_date = Day(error_messages={"null": "cannot be emptied; give the new date"})
    version = _version_read("recommendation")


class Recommendation(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    finding_id = fields.Integer(required=True)
    kind = Choice(RecommendationKind, required=True)
    text = fields.String(required=True)
    due_date = fields.Date(allow_none=True, required=True)
    amount_pence = fields.Integer(allow_none=True, required=True)
    from_whom = fields.String(allow_none=True, required=True)
    basis = Choice(PaymentBasis, allow_none=True, required=True)
    severity_level = fields.Integer(allow_none=True, required=True)
    justification = fields.String(allow_none=True, required=True)
    compliance_evidence = fields.String(allow_none=True, required=True)
    version = fields.Integer(required=True, metadata=described(
        "Raised by each save; send it back with a change"))
