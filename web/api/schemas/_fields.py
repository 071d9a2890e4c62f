"""The API's field types: strict about JSON's types, and with messages that read after the
field's name ("title must be a string"), as every API error does."""

from __future__ import annotations

import numbers

from marshmallow import fields, validate

from vocabulary import Labelled
from web.ids import LARGEST_ID

REQUIRED = "is required"
NULL = "may not be null"


class Text(fields.String):
    """A string. Left out or null, an optional one is the empty string, as the domain wants."""

    default_error_messages = {"invalid": "must be a string", "required": REQUIRED, "null": NULL}

    def __init__(self, *, optional: bool = False, **kwargs) -> None:
        if optional:
            kwargs.setdefault("load_default", "")
            kwargs.setdefault("allow_none", True)
        super().__init__(**kwargs)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        result = super().deserialize(value, attr, data, **kwargs)
        return "" if result is None and self.allow_none else result


class Whole(fields.Integer):
    """A whole number: JSON has no integer type, so 12.5, "12" and true are refused."""

    default_error_messages = {"invalid": "must be a whole number", "required": REQUIRED,
                              "null": NULL}

    def __init__(self, **kwargs) -> None:
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise self.make_error("invalid")
        return super()._validated(value)


class Id(Whole):
    """A record's id: a whole number the database can look up."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("validate", validate.Range(-LARGEST_ID, LARGEST_ID,
                                                     error="is too large"))
        super().__init__(**kwargs)


class Flag(fields.Boolean):
    """true or false, and nothing that merely looks like them."""

    default_error_messages = {"invalid": "must be true or false", "required": REQUIRED,
                              "null": NULL}

    def __init__(self, **kwargs) -> None:
        super().__init__(truthy={True}, falsy={False}, **kwargs)


class Day(fields.Date):
    default_error_messages = {"invalid": "must be a date like 2026-03-31",
                              "format": "must be a date like 2026-03-31", "required": REQUIRED,
                              "null": NULL}


class Choice(fields.Enum):
    """One of a vocabulary enum's values; loaded as the member, dumped as the value."""

    default_error_messages = {"unknown": "must be one of {choices}", "required": REQUIRED,
                              "null": NULL}

    def __init__(self, vocabulary: type[Labelled], **kwargs) -> None:
        super().__init__(vocabulary, by_value=True, **kwargs)


class Items(fields.List):
    default_error_messages = {"invalid": "must be a list", "required": REQUIRED, "null": NULL}


class Object(fields.Nested):
    default_error_messages = {"type": "must be an object", "required": REQUIRED, "null": NULL}
