"""What every schema shares: a body that ignores what it does not know, documentation helpers,
the one error shape, and the health answer."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate

from casework.paging import MOST_PER_PAGE, PER_PAGE
from web.ids import LARGEST_ID


class Body(Schema):
    """A JSON object; fields the API does not know are ignored."""

    class Meta:
        unknown = EXCLUDE

    error_messages = {"type": "must be an object"}


# A download: the bytes of a file, described by its content type.
BINARY = {"type": "string", "format": "binary"}


def longest(length: int) -> dict:
    return {"maxLength": length}


def described(text: str, **more) -> dict:
    return {"description": text, **more}


class UserRef(Schema):
    """A person named on a record: who drafted, reviewed or is assigned."""

    id = fields.Integer(required=True)
    name = fields.String(required=True)
    email = fields.String(required=True)


# --- errors and health ---------------------------------------------------------------------


class ErrorDetail(Schema):
    code = fields.String(required=True, metadata=described("Stable, for programs"))
    message = fields.String(required=True, metadata=described("For people"))


class Error(Schema):
    error = fields.Nested(ErrorDetail, required=True)


class Health(Schema):
    status = fields.String(required=True, metadata={"enum": ["ok", "degraded"]})
    database = fields.String(required=True, metadata={"enum": ["ok", "error"]})
    broker = fields.String(required=True, metadata={"enum": ["ok", "error"]})
    storage = fields.String(required=True, metadata={"enum": ["ok", "error"]})


def _query_number(description: str, default: int, most: int) -> fields.Integer:
    # From the query string: digits, not a JSON number.
    return fields.Integer(load_default=default, strict=False, validate=validate.Range(
        1, most, error=f"must be a whole number from 1 to {most}"), error_messages={
        "invalid": f"must be a whole number from 1 to {most}"}, metadata=described(description))


def query_id(noun: str, description: str) -> fields.Integer:
    """A record's id from the query string: digits, not a JSON number, so not the strict
    `Id`; absent means no filter."""
    message = f"must be {noun} id"
    return fields.Integer(load_default=None, strict=False, validate=validate.Range(
        1, LARGEST_ID, error=message), error_messages={"invalid": message},
        metadata=described(description))


class PageQuery(Schema):
    """`?page=` and `?per_page=` of a list answered a page at a time."""

    class Meta:
        unknown = EXCLUDE

    page = _query_number("Which page of the list, from 1", 1, LARGEST_ID)
    per_page = _query_number(f"Items per page, at most {MOST_PER_PAGE}", PER_PAGE,
                             MOST_PER_PAGE)


class PageOf(Schema):
    """A page of a list: its items (declared by each list), and where the rest are."""

    total = fields.Integer(required=True, metadata=described(
        "How many items match, on every page"))
    page = fields.Integer(required=True)
    per_page = fields.Integer(required=True)
    next = fields.String(allow_none=True, required=True, metadata=described(
        "The next page's address, with the same filters, or null on the last page"))
