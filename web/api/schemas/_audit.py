"""A case's audit trail: who did what, and when, oldest first."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web.api.schemas._base import PageOf, PageQuery, UserRef, described

TRAIL_FORMATS = ("json", "csv")


class AuditQuery(PageQuery):

    format = fields.String(
        load_default="json", validate=validate.OneOf(TRAIL_FORMATS, error="must be json or csv"),
        metadata=described("json, or csv for the download", enum=list(TRAIL_FORMATS)))


class AuditEntry(Schema):
    at = fields.DateTime(required=True)
    actor = fields.Nested(UserRef, allow_none=True, required=True,
                          metadata=described("Null for the service itself"))
    action = fields.String(required=True, metadata=described('Such as "decision.approved"'))
    detail = fields.Dict(keys=fields.String(), required=True, metadata=described(
        "Ids, counts and fixed names: never free text"))


class AuditTrail(PageOf):
    items = fields.List(fields.Nested(AuditEntry), required=True)
