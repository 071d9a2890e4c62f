"""What every schema shares: a body that ignores what it does not know, documentation helpers,
the one error shape, and the health answer."""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields


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
