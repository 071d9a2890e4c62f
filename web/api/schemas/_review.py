"""Review and issue: the reviewer's comments, both sides' comments on the provisional
decision, and the letters with their delivery."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from vocabulary import Channel, DeliveryStatus, Recipient, Section
from web.api.schemas._base import Body, UserRef, described
from web.api.schemas._fields import Choice, Id, Text

_SECTIONS = [s.value for s in Section if s is not Section.GENERAL]


class ReviewIn(Body):
    version = Id(load_default=None, allow_none=True, metadata=described(
        "The version number reviewed; refused (409) when a newer one has replaced it"))
    comment = Text(optional=True, metadata=described(
        "On the version as a whole; required to request changes unless `sections` has one"))
    sections = fields.Dict(keys=fields.String(validate=validate.OneOf(_SECTIONS)),
                           values=Text(), load_default=dict, error_messages={
                               "invalid": "must be an object"},
                           metadata=described(f"A comment per section: {', '.join(_SECTIONS)}"))


class CommentIn(Body):
    sender = Choice(Recipient, required=True, data_key="from")
    text = Text(required=True)


class CommentUpload(Schema):
    sender = Choice(Recipient, required=True, data_key="from",
                    metadata=described("complainant or organisation"))
    file = fields.Raw(metadata={"type": "string", "format": "binary"})


class Comment(Schema):
    id = fields.Integer(required=True)
    sender = Choice(Recipient, required=True, data_key="from")
    text = fields.String(allow_none=True, required=True)
    evidence_id = fields.Integer(allow_none=True, required=True, metadata=described(
        "The file sent, processed as evidence"))
    filename = fields.Function(lambda c: c.evidence.filename if c.evidence else None,
                               required=True, metadata={"type": ["string", "null"]})
    recorded_at = fields.DateTime(attribute="created_at", required=True)
    recorded_by = fields.Nested(UserRef, attribute="created_by", allow_none=True,
                                required=True)


class Comments(Schema):
    items = fields.List(fields.Nested(Comment), required=True)


class Delivery(Schema):
    id = fields.Integer(required=True)
    channel = Choice(Channel, required=True)
    address = fields.String(allow_none=True, required=True)
    status = Choice(DeliveryStatus, required=True)
    attempts = fields.Integer(required=True)
    message_id = fields.String(allow_none=True, required=True)
    error = fields.String(allow_none=True, required=True)
    delivered_at = fields.DateTime(allow_none=True, required=True)


class Letter(Schema):
    id = fields.Integer(required=True)
    recipient = Choice(Recipient, required=True)
    filename = fields.String(required=True)
    channel = Choice(Channel, allow_none=True, required=True, metadata=described(
        "How it went out; null before the decision is issued"))
    delivered_at = fields.DateTime(allow_none=True, required=True, metadata=described(
        "When it was sent or posted; null until then"))
    version = fields.Integer(required=True)
    deliveries = fields.List(fields.Nested(Delivery), required=True)


class Letters(Schema):
    items = fields.List(fields.Nested(Letter), required=True)
