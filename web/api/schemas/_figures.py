"""Compliance by organisation: counts of recommendations, never case files."""

from __future__ import annotations

from marshmallow import Schema, fields

from web.api.schemas._base import described


class OrganisationRef(Schema):
    id = fields.Integer(required=True)
    name = fields.String(required=True)


class OrganisationCompliance(Schema):
    organisation = fields.Nested(OrganisationRef, required=True)
    made = fields.Integer(required=True, metadata=described(
        "Recommendations in the organisation's issued final decisions"))
    complied_on_time = fields.Integer(required=True, metadata=described(
        "Accepted as complied with on or before the due date, or with no due date"))
    complied_late = fields.Integer(required=True, metadata=described(
        "Accepted as complied with after the due date"))
    overdue = fields.Integer(required=True, metadata=described(
        "Not complied with, and the due date has passed"))
    rate = fields.Float(required=True, allow_none=True, metadata=described(
        "Complied on time, of those made (0 to 1); null when none were made"))
