"""Record ids as requests carry them: ASCII digits that fit the database's 64-bit integers.

`str.isdigit` accepts "²" and any length; SQLite refuses integers past 2**63 - 1 with an
error rather than finding no row. Every id from a URL, a form or a query string goes through
here, so a strange one is a 404 or a form error, never a 500.
"""

from __future__ import annotations

import re

from werkzeug.routing import IntegerConverter

LARGEST_ID = 2**63 - 1
_DIGITS = re.compile(r"[0-9]{1,19}")


def record_id(value: str | None) -> int | None:
    """The id in `value`, or None when it is not one."""
    if value is None or not _DIGITS.fullmatch(value.strip()):
        return None
    number = int(value)
    return number if 0 < number <= LARGEST_ID else None


class RecordIdConverter(IntegerConverter):
    """`<int:...>` in every route: an id the database cannot hold is 404.

    It matches, as id 0 (which no record has), rather than failing to match: a URL no rule of
    its method matches, where another method's rule does, would be answered 405. `max` stays
    for the OpenAPI document, which reads its maximum from it.
    """

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 (werkzeug's name)
        kwargs.setdefault("max", LARGEST_ID)
        super().__init__(map, *args, **kwargs)

    def to_python(self, value: str) -> int:
        number = int(value)  # the rule's pattern matched ASCII digits only
        return number if number <= self.max else 0
