"""Published casework: the public index and its filters. No token is needed for either."""

from __future__ import annotations

from marshmallow import Schema, ValidationError, fields, validates_schema

from vocabulary import Outcome
from web.api.schemas._base import PageOf, PageQuery, described
from web.api.schemas._fields import Choice


class PublishedQuery(PageQuery):
    organisation = fields.String(load_default=None, metadata=described(
        "Only decisions about this organisation: its id or its full name"))
    outcome = Choice(Outcome, load_default=None, metadata=described("Only this outcome"))
    theme = fields.String(load_default=None, metadata=described(
        "Only decisions on complaints of this theme (its slug)"))
    decided_from = fields.Date(load_default=None, data_key="from", metadata=described(
        "Only decisions issued on or after this day (YYYY-MM-DD)"))
    decided_to = fields.Date(load_default=None, data_key="to", metadata=described(
        "Only decisions issued on or before this day (YYYY-MM-DD)"))

    @validates_schema
    def _dates_in_order(self, data, **_kwargs):
        if data["decided_from"] and data["decided_to"] and \
                data["decided_from"] > data["decided_to"]:
            raise ValidationError("must not be after `to`", "from")


class PublishedDecision(Schema):
    id = fields.Integer(required=True)
    organisation = fields.String(required=True, attribute="organisation.name")
    outcome = Choice(Outcome, required=True)
    themes = fields.List(fields.String(), required=True, metadata=described(
        "The themes of its complaint points"))
    decided_on = fields.Date(required=True, metadata=described("When it was issued"))
    summary = fields.String(required=True, attribute="public_summary", metadata=described(
        "The case summary, anonymised: organisations are named, people never"))
    document_url = fields.String(required=True, metadata=described(
        "The anonymised decision in Word, served without a token"))


class PublishedDecisions(PageOf):
    items = fields.List(fields.Nested(PublishedDecision), required=True)
