"""Learning across cases in the API: themes and the search across cases."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from casework.insight import MOST_SHOWN
from vocabulary import DocType, Outcome, RecommendationKind
from web.api.schemas._base import Body, PageQuery, described, query_id
from web.api.schemas._cases import SearchHit, SearchHits
from web.api.schemas._fields import Choice

THEME = {"maxLength": 60, "description": "A theme's slug, as GET /themes lists them"}


class Theme(Schema):
    slug = fields.String(required=True)
    name = fields.String(required=True)
    description = fields.String(required=True)


class Themes(Schema):
    name = fields.String(required=True, metadata=described("The taxonomy's name"))
    items = fields.List(fields.Nested(Theme), required=True)


class SuggestedTheme(Schema):
    theme = fields.String(required=True, attribute="theme.slug", metadata=THEME)
    found = fields.List(fields.String(), required=True, metadata=described(
        "The words of the point or its findings that suggested it"))


class PointThemes(Schema):
    confirmed = fields.List(fields.String(metadata=THEME), required=True)
    suggested = fields.List(fields.Nested(SuggestedTheme), required=True, metadata=described(
        "Suggested from the words, best first; kept only once confirmed"))


class ThemeChoice(Body):
    themes = fields.List(fields.String(validate=validate.Length(max=60), metadata=THEME),
                         required=True, metadata=described(
                             "Every theme of the point: those not listed are removed"))


class CaseSearchQuery(PageQuery):
    q = fields.String(load_default="", metadata=described("Every word must be on the page"))
    organisation_id = query_id("an organisation", "Only cases about this organisation")
    theme = fields.String(load_default=None, validate=validate.Length(max=60), metadata=THEME)
    outcome = Choice(Outcome, load_default=None, metadata=described(
        "Only cases whose latest issued decision has this outcome"))
    doc_type = Choice(DocType, load_default=None, metadata=described("Only files of this type"))
    uploaded_from = fields.Date(load_default=None, metadata=described(
        "Only files uploaded on or after this day (YYYY-MM-DD)"))
    uploaded_to = fields.Date(load_default=None, metadata=described(
        "Only files uploaded on or before this day (YYYY-MM-DD)"))


class CaseSearchHit(SearchHit):
    """A page found, and the case it is in."""

    case_id = fields.Integer(required=True)
    case_reference = fields.String(required=True)


class CaseSearchHits(SearchHits):
    items = fields.List(fields.Nested(CaseSearchHit), required=True)


class Remedy(Schema):
    kind = Choice(RecommendationKind, required=True)
    amount_pence = fields.Integer(allow_none=True, required=True)
    severity_level = fields.Integer(allow_none=True, required=True)


class SimilarCase(Schema):
    case_id = fields.Integer(required=True)
    case_reference = fields.String(required=True)
    point_id = fields.Integer(required=True)
    point_number = fields.Integer(required=True)
    shared_themes = fields.List(fields.String(metadata=THEME), required=True)
    closeness = fields.Float(required=True, metadata=described(
        "From 0 (no word in common) to 1 (the same words)"))
    outcome = Choice(Outcome, allow_none=True, required=True, metadata=described(
        "The outcome of the case's latest issued decision"))
    remedies = fields.List(fields.Nested(Remedy), required=True, metadata=described(
        "The recommendations made on the point's findings"))


class SimilarCases(Schema):
    items = fields.List(fields.Nested(SimilarCase), required=True, metadata=described(
        f"At most {MOST_SHOWN}, closest first"))
