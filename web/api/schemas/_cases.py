"""Cases, their evidence, and reading across it: the chronology and search."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from casework.cases import MAX_NAME_LENGTH
from casework.evidence import LONGEST_WRITTEN_EVENT, MOST_COUNTED
from vocabulary import (
    CaseStage,
    DocType,
    EntityLabel,
    EventSource,
    EvidenceSort,
    EvidenceStatus,
    Outcome,
    StepStatus,
    TypeSource,
)
from web.api.schemas._base import (
    Body,
    PageOf,
    PageQuery,
    UserRef,
    described,
    longest,
    query_id,
)
from web.api.schemas._fields import Choice, Day, Flag, Id, Text, Whole

# --- cases ---------------------------------------------------------------------------------


class NewCase(Body):
    complainant_name = Text(required=True, metadata=longest(MAX_NAME_LENGTH))
    organisation_name = Text(required=True, metadata=longest(MAX_NAME_LENGTH))
    summary = Text(optional=True)
    complainant_email = Text(optional=True, metadata=described(
        "Where the complainant's letters are emailed; without it they are posted"))
    complainant_address = Text(optional=True, metadata=described(
        "The complainant's postal address, a line a line: their letters open with it"))


class Case(Schema):
    id = fields.Integer(required=True)
    reference = fields.String(required=True)
    complainant_name = fields.String(required=True)
    organisation_name = fields.String(required=True, attribute="organisation.name")
    organisation_id = fields.Integer(required=True)
    summary = fields.String(required=True)
    complainant_email = fields.String(allow_none=True, required=True)
    complainant_address = fields.String(required=True)
    stage = Choice(CaseStage, required=True)
    assignee = fields.Nested(UserRef, allow_none=True, required=True)
    created_at = fields.DateTime(required=True)
    outcome_override = Choice(Outcome, allow_none=True, required=True)
    outcome_override_reason = fields.String(allow_none=True, required=True)


class CaseFilter(Schema):
    class Meta:
        unknown = EXCLUDE

    stage = Choice(CaseStage, load_default=None, metadata=described("Only cases at this stage"))
    assignee = query_id("a user", "Only cases assigned to this user")
    organisation_id = query_id("an organisation", "Only cases about this organisation")
    theme = fields.String(load_default=None, validate=validate.Length(max=60), metadata=described(
        "Only cases with a complaint point of this theme (a slug of GET /themes)"))


class Cases(Schema):
    items = fields.List(fields.Nested(Case), required=True)


class CaseOutcome(Body):
    outcome = Choice(Outcome, required=True, allow_none=True, error_messages={
        "required": "is required: an outcome, or null to go back to the derived one"},
        metadata=described("null returns to the outcome derived from the points"))
    reason = Text(optional=True, metadata=described("Required unless outcome is null"))


# --- evidence ------------------------------------------------------------------------------


class Upload(Schema):
    file = fields.List(fields.Raw(metadata={"type": "string", "format": "binary"}),
                       metadata=described("One or more files; repeat the field"))


class UploadedEvidence(Schema):
    id = fields.Integer(required=True)
    filename = fields.String(required=True)
    sha256 = fields.String(required=True)
    status = Choice(EvidenceStatus, required=True)


class UploadedItems(Schema):
    items = fields.List(fields.Nested(UploadedEvidence), required=True)
    # Set when the files are saved but the processing queue did not answer: they stay
    # queued and are processed once it is back.
    note = fields.String(allow_none=True, required=True)


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
    doc_type_source = Choice(TypeSource, allow_none=True, required=True)
    needs_review = fields.Boolean(required=True)
    flags = fields.List(fields.String(), required=True)
    details = fields.Dict(required=True)
    parent_id = fields.Integer(allow_none=True, required=True)
    duplicate_of_id = fields.Integer(allow_none=True, required=True)
    steps = fields.List(fields.Nested(Step), required=True)
    created_at = fields.DateTime(required=True)


class EvidenceFilter(PageQuery):
    status = Choice(EvidenceStatus, load_default=None, metadata=described(
        "Only files with this status"))
    doc_type = Choice(DocType, load_default=None, metadata=described(
        "Only files of this type"))
    needs_review = fields.Boolean(load_default=None, metadata=described(
        "Only files whose type needs review (true) or does not (false)"))
    mentioning = fields.String(load_default=None, validate=validate.Length(max=200),
                               metadata=described("Only files that name this person or "
                                                  "organisation (part of the name will do)"))
    uploaded_from = fields.Date(load_default=None, metadata=described(
        "Only files uploaded on or after this day (YYYY-MM-DD)"))
    uploaded_to = fields.Date(load_default=None, metadata=described(
        "Only files uploaded on or before this day (YYYY-MM-DD)"))
    sort = Choice(EvidenceSort, load_default=EvidenceSort.NUMBER, metadata=described(
        "What the list is ordered by"))
    descending = fields.Boolean(load_default=False, metadata=described(
        "Latest, last or largest first"))


class EvidenceItems(PageOf):
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


class ChronologyEvent(Schema):
    event_id = fields.Integer(required=True, attribute="id")
    date = fields.Date(required=True)
    text = fields.String(required=True)
    evidence_id = fields.Integer(required=True)
    page = fields.Integer(required=True)
    in_decision = fields.Boolean(required=True, metadata=described(
        "Listed under What happened in the decision"))
    people = fields.List(fields.String(), required=True, metadata=described(
        "The people the event names, as found on its page"))
    source = Choice(EventSource, required=True, metadata=described(
        "machine: found in the evidence; investigator: added by an investigator"))
    corrected = fields.Boolean(required=True, metadata=described(
        "An investigator changed its date or wording"))
    dismissed = fields.Boolean(required=True, metadata=described(
        "Hidden from the chronology by an investigator"))


class ChronologyEntry(ChronologyEvent):
    event_id = fields.Integer(required=True)
    also_in = fields.Function(
        lambda entry: [{"evidence_id": e, "page": p} for e, p in entry.also_in], required=True,
        metadata={"type": "array", "description": "Where else the same event is told",
                  "items": {"type": "object", "required": ["evidence_id", "page"],
                            "properties": {"evidence_id": {"type": "integer"},
                                           "page": {"type": "integer"}}}})


class ChronologyQuery(PageQuery):
    dismissed = fields.Boolean(load_default=False, metadata=described(
        "true: the events an investigator dismissed, instead of the chronology"))


class Chronology(PageOf):
    items = fields.List(fields.Nested(ChronologyEntry), required=True)


class EventChoice(Body):
    in_decision = Flag(required=True)


class NewEvent(Body):
    date = Day(required=True)
    text = Text(required=True, metadata=longest(LONGEST_WRITTEN_EVENT) | described(
        "What happened"))
    evidence_id = Id(required=True, metadata=described("The evidence the event is told in"))
    page = Whole(required=True, metadata=described("The page of that evidence, from 1"))


class EventChanges(Body):
    date = Day(metadata=described("The corrected date"))
    text = Text(metadata=longest(LONGEST_WRITTEN_EVENT) | described("The corrected wording"))
    dismissed = Flag(metadata=described("true hides the event as noise; false restores it"))


class ChosenEvent(Schema):
    event_id = fields.Integer(required=True, attribute="id")
    in_decision = fields.Boolean(required=True)


class SearchQuery(PageQuery):
    q = fields.String(load_default="", metadata=described("Every word must be on the page"))
    doc_type = fields.String(metadata={"enum": [t.value for t in DocType]})
    entity = fields.String(metadata=described(
        "Only pages naming this person, organisation or identifier"))


class SearchHit(Schema):
    evidence_id = fields.Integer(required=True)
    page = fields.Integer(required=True)
    snippet = fields.String(required=True)


class SearchHits(PageOf):
    items = fields.List(fields.Nested(SearchHit), required=True)
    more = fields.Boolean(required=True, metadata=described(
        f"More pages match than total, which counts no further than {MOST_COUNTED}"))
