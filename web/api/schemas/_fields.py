"""The API's field types: strict about JSON's types, and with messages that read after the
field's name ("title must be a string"), as every API error does."""

from __future__ import annotations

import numbers

from marshmallow import ValidationError, fields

from vocabulary import Labelled
from web.ids import LARGEST_ID

REQUIRED = "is required"
# Null where a value is needed reads as no value at all.
NULL = REQUIRED


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
    """A whole number: JSON has no integer type, so 12.5, "12" and true are refused. Unless
    `unbounded`, one the database can hold and look up."""

    default_error_messages = {"invalid": "must be a whole number", "required": REQUIRED,
                              "null": NULL}

    def __init__(self, *, unbounded: bool = False, **kwargs) -> None:
        if not unbounded:
            kwargs.setdefault("validate", _within_the_database)
            kwargs.setdefault("metadata", {}).setdefault("maximum", LARGEST_ID)
        super().__init__(strict=True, **kwargs)

    def _validated(self, value):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise self.make_error("invalid")
        return super()._validated(value)


def _within_the_database(value: int) -> None:
    # Past this the database cannot store or even look the number up.
    if abs(value) > LARGEST_ID:
        raise ValidationError("is too large")


class Id(Whole):
    """A record's id."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("metadata", {}).setdefault("minimum", 1)
        super().__init__(**kwargs)


class Flag(fields.Boolean):
    """true or false, and nothing that merely looks like them."""

    default_error_messages = {"invalid": "must be true or false", "required": REQUIRED,
                              "null": NULL}

    def _deserialize(self, value, attr, data, **kwargs):
        # 1 and 0 equal True and False in Python; in JSON they are numbers.
        if not isinstance(value, bool):
            raise self.make_error("invalid")
        return value


class Day(fields.Date):
    default_error_messages = {"invalid": "must be a date like 2026-03-31",
                              "format": "must be a date like 2026-03-31", "required": REQUIRED,
                              "null": NULL}


class Choice(fields.Enum):
    """One of a vocabulary enum's values; loaded as the member, dumped as the value. Where
    none may be given, an empty string is none too, as forms send it."""

    default_error_messages = {"unknown": "must be one of {choices}", "required": REQUIRED,
                              "null": NULL}

    def __init__(self, vocabulary: type[Labelled], **kwargs) -> None:
        super().__init__(vocabulary, by_value=True, **kwargs)

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value == "" and self.allow_none:
            value = None
        return super().deserialize(value, attr, data, **kwargs)


class Items(fields.List):
    """A list; where one is optional, null is an empty list."""

    default_error_messages = {"invalid": "must be a list", "required": REQUIRED, "null": NULL}

    def deserialize(self, value, attr=None, data=None, **kwargs):
        if value is None and not self.required:
            return []
        return super().deserialize(value, attr, data, **kwargs)


class Object(fields.Nested):
    default_error_messages = {"type": "must be an object", "required": REQUIRED, "null": NULL}
