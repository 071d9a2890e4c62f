"""The domain's one error type. Each carries a stable code that the API and UI show."""

from __future__ import annotations

import enum
from typing import TypeVar

Choice = TypeVar("Choice", bound=enum.Enum)


class DomainError(Exception):
    """A request the domain refuses, with a machine-readable code and a readable message."""

    code = "invalid"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    code = "not_found"


class ValidationFailed(DomainError):
    code = "validation_failed"


class UnsupportedMediaType(DomainError):
    code = "unsupported_media_type"


class Conflict(DomainError):
    """Not allowed from where the record is now: a decision's state, a case's stage."""

    code = "conflict"


class Forbidden(DomainError):
    """Not allowed for this person, whatever the record's state: approving one's own draft."""

    code = "forbidden"

class TooLarge(DomainError):
    code = "too_large"


def one_of(choices: type[Choice], value: str, field: str) -> Choice:
    """The member of `choices` named by `value`; refuses anything else, listing the choices."""
    try:
        return choices(value)
    except ValueError:
        names = ", ".join(str(choice.value) for choice in choices)
        raise ValidationFailed(f"{field} must be one of {names}", field=field) from None
