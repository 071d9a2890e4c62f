"""Decisions, and the anonymisation map their published version is made from."""

from __future__ import annotations

from marshmallow import Schema, fields

from vocabulary import DecisionStage, DecisionStatus, Outcome, PersonKind, ReviewResult
from web.api.schemas._base import Body, UserRef, described
from web.api.schemas._fields import Choice, Items, Object, Text

# --- decisions and publication -------------------------------------------------------------


class NewDecision(Body):
    stage = Choice(DecisionStage, load_default=DecisionStage.PROVISIONAL, allow_none=True,
                   metadata=described("Provisional (for comment) by default; final once the "
                                       "provisional decision has been issued"))
    reason = Text(optional=True, metadata=described(
        "Why the final decision is drafted inside the comment period, before both sides "
        "replied; required then"))


class Version(Schema):
    version = fields.Integer(required=True)
    sha256 = fields.String(required=True)
    created_at = fields.DateTime(required=True)
    drafted_by = fields.Nested(UserRef, attribute="created_by", allow_none=True, required=True)
    submitted_by = fields.Nested(UserRef, allow_none=True, required=True)
    submitted_at = fields.DateTime(allow_none=True, required=True)
    reviewed_by = fields.Nested(UserRef, allow_none=True, required=True)
    reviewed_at = fields.DateTime(allow_none=True, required=True)
    review_result = Choice(ReviewResult, allow_none=True, required=True)
    approved_by = fields.Function(
        lambda v: UserRef().dump(v.reviewed_by)
        if v.review_result is ReviewResult.APPROVED else None,
        required=True, metadata={"type": ["object", "null"], "description":
                                 "The reviewer, when they approved this version"})


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
    early_reason = fields.String(allow_none=True, required=True)
    issued_at = fields.DateTime(allow_none=True, required=True)
    issued_by = fields.Nested(UserRef, allow_none=True, required=True)
    versions = fields.List(fields.Nested(Version), required=True)


class PdfPending(Schema):
    """A PDF not made yet: a worker is making it. Ask again after `retry_after` seconds."""

    status = fields.String(required=True, metadata={"enum": ["making"]})
    version = fields.Integer(required=True)
    message = fields.String(required=True, metadata=described("For people"))
    queued = fields.Boolean(required=True, metadata=described(
        "Whether a worker was asked for the PDF now; false when the processing queue did not "
        "answer, so that nothing makes it until it is asked for again"))
    retry_after = fields.Integer(required=True, metadata=described(
        "Seconds to wait before asking again, as in the Retry-After header"))
    word_document = fields.String(required=True, metadata=described(
        "The address of the same version as Word, available now"))


class PersonIn(Body):
    original = Text(required=True, metadata=described("The person's name as the map has it"))
    kind = Choice(PersonKind, allow_none=True)
    label = fields.String(allow_none=True, load_default=None, error_messages={
        "invalid": "must be a string"}, metadata=described(
        "Never a real name or initial; left out or null to have one chosen"))
    aliases = Items(Text(), load_default=list, metadata=described(
        "Other ways the name is written, also replaced"))


class AnonymisationIn(Body):
    people = Items(Object(PersonIn), required=True, metadata=described(
        "People found by the pipeline stay when left out; people added by the investigator "
        "are removed by leaving them out"))


class Approval(Body):
    fingerprint = Text(required=True, metadata=described(
        "The fingerprint of the map as read: a map changed since is not approved unseen"))


class MappedPerson(Schema):
    original = fields.String(required=True)
    aliases = fields.List(fields.String(), required=True)
    label = fields.String(required=True)
    kind = Choice(PersonKind, required=True)
    added = fields.Boolean(required=True, metadata=described("Added by the investigator"))
    new = fields.Boolean(required=True, attribute="unreviewed",
                         metadata=described("Found since the review was saved"))


class Anonymisation(Schema):
    case_id = fields.Integer(required=True)
    people = fields.List(fields.Nested(MappedPerson), required=True)
    identifiers = fields.Dict(keys=fields.String(), values=fields.List(fields.String()),
                              required=True, metadata=described("Values removed, by kind"))
    saved = fields.Boolean(required=True)
    approved = fields.Boolean(required=True, metadata=described(
        "Approved and not stale: publishable"))
    fingerprint = fields.String(required=True, metadata=described(
        "Names the map as it stands; send it back when approving"))
    approved_by = fields.String(allow_none=True, required=True)
    approved_at = fields.DateTime(allow_none=True, required=True)
    stale = fields.Boolean(required=True, metadata=described(
        "People found since the review: approve again"))
