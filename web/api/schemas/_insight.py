"""The insight figures: counts across cases, each a titled table, never a case file."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from web.api.schemas._base import described
from web.api.schemas._figures import OrganisationRef

COLUMN_KINDS = ("text", "count", "percent", "pence", "days")
MAX_THEME_LENGTH = 200


class InsightQuery(Schema):
    start = fields.Date(data_key="from", load_default=None, metadata=described(
        "The first day of the period (decisions issued from it); the default period is the "
        "last six quarters"))
    end = fields.Date(data_key="to", load_default=None, metadata=described(
        "The last day of the period, included; default today"))
    organisation_id = fields.Integer(load_default=None, validate=validate.Range(min=1),
                                     metadata=described("One organisation's cases alone"))
    theme = fields.String(load_default=None, validate=validate.Length(max=MAX_THEME_LENGTH),
                          metadata=described(
                              "One theme's cases alone; refused (422) until complaint points "
                              "carry themes"))


class FigureColumn(Schema):
    key = fields.String(required=True, metadata=described("The key of the column in each row"))
    label = fields.String(required=True)
    kind = fields.String(required=True, metadata=described(
        "text; count; percent (a fraction, 0 to 1); pence; days", enum=list(COLUMN_KINDS)))


class InsightFigure(Schema):
    name = fields.String(required=True, metadata=described(
        "Its name: /dashboard/{name}.csv is its CSV"))
    title = fields.String(required=True)
    summary = fields.String(required=True, metadata=described("What it shows, in words"))
    available = fields.Boolean(required=True, metadata=described(
        "False while what it counts is not recorded (themes, until points carry them)"))
    columns = fields.List(fields.Nested(FigureColumn), required=True)
    rows = fields.List(fields.Dict(keys=fields.String(), values=fields.Raw(allow_none=True)),
                       required=True, metadata=described(
                           "A row an organisation, quarter, level or kind; values by column "
                           "key, null for none"))


class Insight(Schema):
    start = fields.Date(data_key="from", required=True)
    end = fields.Date(data_key="to", required=True)
    organisation = fields.Nested(OrganisationRef, allow_none=True, required=True)
    theme = fields.String(allow_none=True, required=True)
    figures = fields.List(fields.Nested(InsightFigure), required=True)
