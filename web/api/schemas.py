"""The API edge, declared once: what each route takes and gives back.

Requests are validated and the OpenAPI document is generated from these schemas; responses
are dumped through them. They check shapes and types only: the rules (a title must not be
empty, an amount must be in its band) stay in the domain, which answers in the same error
format. Lengths the domain refuses beyond are documented here from the domain's own limits.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields

from casework.cases import MAX_NAME_LENGTH
from casework.drafting import (
    MAX_GUIDANCE_LENGTH,
    MAX_POINT_LENGTH,
    MAX_ROLE_LENGTH,
    MAX_TITLE_LENGTH,
    derived_point_upheld,
    point_upheld,
)
from vocabulary import (
    CaseStatus,
    Conclusion,
    DecisionStage,
    DecisionStatus,
    DocType,
    EntityLabel,
    EvidenceStatus,
    Outcome,
    PaymentBasis,
    PersonKind,
    Principle,
    RecommendationKind,
    StepStatus,
)
from web.api.fields import Choice, Day, Flag, Id, Items, Object, Text, Whole


class Body(Schema):
    """A JSON object; fields the API does not know are ignored."""

    class Meta:
        unknown = EXCLUDE

    error_messages = {"type": "must be an object"}


def _max(length: int) -> dict:
    return {"maxLength": length}


def _described(text: str, **more) -> dict:
    return {"description": text, **more}


# --- errors and health ---------------------------------------------------------------------


class ErrorDetail(Schema):
    code = fields.String(required=True, metadata=_described("Stable, for programs"))
    message = fields.String(required=True, metadata=_described("For people"))


class Error(Schema):
    error = fields.Nested(ErrorDetail, required=True)


class Health(Schema):
    status = fields.String(required=True, metadata={"enum": ["ok", "degraded"]})
    database = fields.String(required=True, metadata={"enum": ["ok", "error"]})
    broker = fields.String(required=True, metadata={"enum": ["ok", "error"]})
    storage = fields.String(required=True, metadata={"enum": ["ok", "error"]})


# --- cases ---------------------------------------------------------------------------------


class NewCase(Body):
    complainant_name = Text(required=True, metadata=_max(MAX_NAME_LENGTH))
    organisation_name = Text(required=True, metadata=_max(MAX_NAME_LENGTH))
    summary = Text(optional=True)


class Case(Schema):
    id = fields.Integer(required=True)
    reference = fields.String(required=True)
    complainant_name = fields.String(required=True)
    organisation_name = fields.String(required=True, attribute="organisation.name")
    summary = fields.String(required=True)
    status = Choice(CaseStatus, required=True)
    created_at = fields.DateTime(required=True)
    outcome_override = Choice(Outcome, allow_none=True, required=True)
    outcome_override_reason = fields.String(allow_none=True, required=True)


class Cases(Schema):
    items = fields.List(fields.Nested(Case), required=True)


class CaseOutcome(Body):
    outcome = Choice(Outcome, required=True, allow_none=True, error_messages={
        "required": "is required: an outcome, or null to go back to the derived one"},
        metadata=_described("null returns to the outcome derived from the points"))
    reason = Text(optional=True, metadata=_described("Required unless outcome is null"))


# --- evidence ------------------------------------------------------------------------------


class Upload(Schema):
    file = fields.List(fields.Raw(metadata={"type": "string", "format": "binary"}),
                       metadata=_described("One or more files; repeat the field"))


class UploadedEvidence(Schema):
    id = fields.Integer(required=True)
    filename = fields.String(required=True)
    sha256 = fields.String(required=True)
    status = Choice(EvidenceStatus, required=True)


class UploadedItems(Schema):
    items = fields.List(fields.Nested(UploadedEvidence), required=True)


class Step(Schema):
    name = fields.String(required=True)
    status = Choice(StepStatus, required=True)
    duration_ms = fields.Integer(allow_none=True, required=True)
    detail = fields.String(allow_none=True, required=True)


class Evidence(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    filename = fields.String(required=True)
    media_type = fields.String(required=True)
    sha256 = fields.String(required=True)
    size = fields.Integer(required=True)
    status = Choice(EvidenceStatus, required=True)
    error = fields.String(allow_none=True, required=True)
    page_count = fields.Integer(allow_none=True, required=True)
    doc_type = Choice(DocType, allow_none=True, required=True)
    doc_type_confidence = fields.Float(allow_none=True, required=True)
    doc_type_source = fields.String(allow_none=True, required=True,
                                    metadata={"enum": ["model", "investigator", None]})
    needs_review = fields.Boolean(required=True)
    flags = fields.List(fields.String(), required=True)
    details = fields.Dict(required=True)
    parent_id = fields.Integer(allow_none=True, required=True)
    duplicate_of_id = fields.Integer(allow_none=True, required=True)
    steps = fields.List(fields.Nested(Step), required=True)
    created_at = fields.DateTime(required=True)


class EvidenceItems(Schema):
    items = fields.List(fields.Nested(Evidence), required=True)


class TypeCorrection(Body):
    doc_type = Text(required=True, metadata={"enum": [t.value for t in DocType.assignable()]})


class Page(Schema):
    number = fields.Integer(required=True)
    text = fields.String(required=True)


class Pages(Schema):
    items = fields.List(fields.Nested(Page), required=True)


class Entity(Schema):
    label = Choice(EntityLabel, required=True)
    text = fields.String(required=True)
    value = fields.String(allow_none=True, required=True)
    page = fields.Integer(required=True)
    start = fields.Integer(required=True)
    end = fields.Integer(required=True)


class Entities(Schema):
    items = fields.List(fields.Nested(Entity), required=True)


# --- reading -------------------------------------------------------------------------------


class ChronologyEntry(Schema):
    event_id = fields.Integer(required=True)
    date = fields.Date(required=True)
    text = fields.String(required=True)
    evidence_id = fields.Integer(required=True)
    page = fields.Integer(required=True)
    in_decision = fields.Boolean(required=True, metadata=_described(
        "Listed under What happened in the decision"))
    also_in = fields.Function(
        lambda entry: [{"evidence_id": e, "page": p} for e, p in entry.also_in], required=True,
        metadata={"type": "array", "description": "Where else the same event is told",
                  "items": {"type": "object", "required": ["evidence_id", "page"],
                            "properties": {"evidence_id": {"type": "integer"},
                                           "page": {"type": "integer"}}}})


class Chronology(Schema):
    items = fields.List(fields.Nested(ChronologyEntry), required=True)


class EventChoice(Body):
    in_decision = Flag(required=True)


class ChosenEvent(Schema):
    event_id = fields.Integer(required=True, attribute="id")
    in_decision = fields.Boolean(required=True)


class SearchQuery(Schema):
    class Meta:
        unknown = EXCLUDE

    q = fields.String(load_default="", metadata=_described("Every word must be on the page"))
    doc_type = fields.String(metadata={"enum": [t.value for t in DocType]})
    entity = fields.String(metadata=_described(
        "Only pages naming this person, organisation or identifier"))


class SearchHit(Schema):
    evidence_id = fields.Integer(required=True)
    page = fields.Integer(required=True)
    snippet = fields.String(required=True)


class SearchHits(Schema):
    items = fields.List(fields.Nested(SearchHit), required=True)


# --- drafting ------------------------------------------------------------------------------


class NewComplaintPoint(Body):
    text = Text(required=True, metadata=_max(MAX_POINT_LENGTH))


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
        metadata=_described("null returns to the derived one"))
    reason = Text(optional=True, metadata=_described("Required unless upheld is null"))


class CitationIn(Body):
    evidence_id = Id(required=True)
    page = Whole(required=True)
    quote = Text(optional=True, metadata=_described("Must occur on the page cited"))


class Citation(Schema):
    id = fields.Integer(required=True, metadata=_described("For removing the citation"))
    evidence_id = fields.Integer(required=True)
    page = fields.Integer(required=True)
    quote = fields.String(required=True)


class FindingIn(Body):
    """A finding; in a PATCH, the fields left out keep their value."""

    title = Text(required=True, metadata=_max(MAX_TITLE_LENGTH))
    complaint_point_id = Id(allow_none=True, metadata=_described(
        "The point this finding is on; or give complaint_point to add a new point"))
    complaint_point = Text(optional=True, metadata=_described(
        "The text of a new complaint point", maxLength=MAX_POINT_LENGTH))
    what_happened = Text(required=True)
    what_should_have_happened = Text(required=True)
    principle = Choice(Principle, allow_none=True)
    guidance = Text(optional=True, metadata=_described("A named guidance document",
                                                       maxLength=MAX_GUIDANCE_LENGTH))
    conclusion = Choice(Conclusion, required=True)
    injustice = Text(optional=True)
    citations = Items(Object(CitationIn), load_default=list, metadata=_described(
        "Pages cited; in a PATCH they are added to those the finding has"))


class FindingChanges(FindingIn):
    """A finding's changes: the fields left out keep their value; citations are added."""


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


class RecommendationIn(Body):
    """A recommendation; in a PATCH, the fields left out keep their value."""

    kind = Choice(RecommendationKind, required=True)
    text = Text(required=True)
    finding_id = Id(required=True)
    due_date = Day(allow_none=True, metadata=_described(
        "Defaults by kind: one month, three for a service improvement"))
    amount_pence = Whole(allow_none=True, metadata=_described("Payments only", minimum=1))
    from_whom = Text(optional=True, metadata=_described("Apology: who must apologise",
                                                        maxLength=MAX_ROLE_LENGTH))
    basis = Choice(PaymentBasis, allow_none=True, metadata=_described("Payments only"))
    severity_level = Whole(allow_none=True, metadata=_described(
        "Payment for injustice: the level on the remedy scale"))
    justification = Text(optional=True, metadata=_described(
        "Why a payment lies outside its level's band"))
    compliance_evidence = Text(optional=True, metadata=_described(
        "Service improvement: what must be sent to show it is done"))


class RecommendationChanges(RecommendationIn):
    """A recommendation's changes: the fields left out keep their value."""


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


# --- decisions and publication -------------------------------------------------------------


class NewDecision(Body):
    stage = Choice(DecisionStage, load_default=DecisionStage.PROVISIONAL, allow_none=True,
                   metadata=_described("Provisional (for comment) by default; final once a "
                                       "provisional decision exists"))


class Decision(Schema):
    id = fields.Integer(required=True)
    case_id = fields.Integer(required=True)
    version = fields.Function(lambda d: d.versions[-1].version if d.versions else None,
                              required=True, metadata={"type": ["integer", "null"]})
    sha256 = fields.Function(lambda d: d.versions[-1].sha256 if d.versions else None,
                             required=True, metadata={"type": ["string", "null"]})
    stage = Choice(DecisionStage, required=True)
    status = Choice(DecisionStatus, required=True)
    outcome = Choice(Outcome, required=True)


class PersonIn(Body):
    original = Text(required=True, metadata=_described("The person's name as the map has it"))
    kind = Choice(PersonKind, allow_none=True)
    label = fields.String(allow_none=True, load_default=None, error_messages={
        "invalid": "must be a string"}, metadata=_described(
        "Never a real name or initial; left out or null to have one chosen"))
    aliases = Items(Text(), load_default=list, metadata=_described(
        "Other ways the name is written, also replaced"))


class AnonymisationIn(Body):
    people = Items(Object(PersonIn), required=True, metadata=_described(
        "People found by the pipeline stay when left out; people added by the investigator "
        "are removed by leaving them out"))


class Approval(Body):
    fingerprint = Text(required=True, metadata=_described(
        "The fingerprint of the map as read: a map changed since is not approved unseen"))


class MappedPerson(Schema):
    original = fields.String(required=True)
    aliases = fields.List(fields.String(), required=True)
    label = fields.String(required=True)
    kind = Choice(PersonKind, required=True)
    added = fields.Boolean(required=True, metadata=_described("Added by the investigator"))
    new = fields.Boolean(required=True, attribute="unreviewed",
                         metadata=_described("Found since the review was saved"))


class Anonymisation(Schema):
    case_id = fields.Integer(required=True)
    people = fields.List(fields.Nested(MappedPerson), required=True)
    identifiers = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                              required=True, metadata=_described("Values removed, by kind"))
    saved = fields.Boolean(required=True)
    approved = fields.Boolean(required=True, metadata=_described(
        "Approved and not stale: publishable"))
    fingerprint = fields.String(required=True, metadata=_described(
        "Names the map as it stands; send it back when approving"))
    approved_by = fields.String(allow_none=True, required=True)
    approved_at = fields.DateTime(allow_none=True, required=True)
    stale = fields.Boolean(required=True, metadata=_described(
        "People found since the review: approve again"))
