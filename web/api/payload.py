"""Reading fields out of a JSON request body, refusing wrong types with a clear message."""

from __future__ import annotations

from datetime import date

from flask import request

from casework.errors import ValidationFailed
from web.ids import LARGEST_ID


def json_body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise ValidationFailed("the request body must be a JSON object")
    return body


def text(body: dict, name: str, *, required: bool = True) -> str:
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(f"{name} is required", field=name)
        return ""
    if not isinstance(value, str):
        raise ValidationFailed(f"{name} must be a string", field=name)
    return value


def integer(body: dict, name: str, *, required: bool = True,
            largest: int | None = LARGEST_ID) -> int | None:
    """A whole number; ids must fit the database (`largest`), while amounts (largest=None)
    are left for the domain to bound, with a message in pounds."""
    value = body.get(name)
    if value is None:
        if required:
            raise ValidationFailed(f"{name} is required", field=name)
        return None
    # JSON has no integer type of its own: 12.5 and true must not pass as whole numbers.
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationFailed(f"{name} must be a whole number", field=name)
    # Past this the database cannot store or even look the number up.
    if largest is not None and abs(value) > largest:
        raise ValidationFailed(f"{name} is too large", field=name)
    return value


def iso_date(body: dict, name: str) -> date | None:
    value = body.get(name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValidationFailed(f"{name} must be a date like 2026-03-31", field=name) from None
