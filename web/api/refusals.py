"""The errors an operation may answer, documented with the one error shape."""

from __future__ import annotations

from collections.abc import Callable

from web.api import bp
from web.api.schemas import Error

WHY = {
    401: "Missing or invalid bearer token",
    403: "This account's role may not do this",
    404: "No such record",
    409: "Refused in the record's present state",
    413: "Larger than the upload limit",
    415: "Not a kind of file the service reads",
    422: "The request was understood but refused",
    503: "A service this needs is not available",
}


def refusals(*statuses: int) -> Callable:
    """Document `statuses` as error answers of the decorated operation."""

    def decorate(view: Callable) -> Callable:
        for status in statuses:
            view = bp.alt_response(status, schema=Error, description=WHY[status])(view)
        return view

    return decorate
