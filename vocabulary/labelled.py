"""The base of every enum here: a stored value and the words people read for it."""

from __future__ import annotations

import enum


class Labelled(enum.StrEnum):
    """A string enum whose members carry their label: `Outcome.UPHELD.label == "Upheld"`.

    Members are declared as `NAME = "stored_value", "Label"`; the value is what the database,
    the API and forms carry, the label is what pages and documents show.
    """

    label: str

    def __new__(cls, value: str, label: str) -> Labelled:
        member = str.__new__(cls, value)
        member._value_ = value
        member.label = label
        return member

    @classmethod
    def values(cls) -> list[str]:
        """Every stored value, in declaration order: for API schemas and command choices."""
        return [member.value for member in cls]
