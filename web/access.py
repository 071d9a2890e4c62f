"""Per-case access at the edge: every record a URL names by id is checked against the cases
the person may see, before any view runs, for pages and the API alike.

A record in someone else's case answers 404, as if it did not exist, and the attempt is
audited (`casework.access`). Any other refusal of a signed-in person (a role that may not,
a state that does not allow, a form without its CSRF token) is put on record here too.
"""

from __future__ import annotations

from flask import g, request
from flask_login import current_user

from casework.access import NOUNS, case_id_of, check_reach
from casework.audit import record_event
from casework.errors import Conflict, DomainError, Forbidden, NotFound
from casework.permissions import can_read_cases
from storage.models import User
from web.runtime import commit, get_db


def check_named_records(user: User) -> None:
    """Refuse the request when an id in its URL is in a case `user` may not see."""
    for name, value in (request.view_args or {}).items():
        noun = name.removesuffix("_id")
        if noun in NOUNS and isinstance(value, int):
            try:
                check_reach(get_db(), user, noun, value)
            except NotFound:
                commit()  # the refusal stays on record although the request fails
                raise


def check_page_request() -> None:
    """The pages' check (the API checks once it knows the token's user)."""
    if request.blueprint == "api" or not current_user.is_authenticated:
        return
    user = current_user.user
    if can_read_cases(user):
        check_named_records(user)


def _requester() -> User | None:
    if "api_user" in g:
        return g.api_user
    return current_user.user if current_user.is_authenticated else None


def record_refusal(code: str) -> None:
    """Put a refused request on record: who, which route and record, and why (the error's
    code), never what was sent. What the request had begun is dropped first."""
    user = _requester()
    if user is None:
        return  # nobody to name: signing in is asked for instead
    db = get_db()
    db.rollback()
    named = [(name.removesuffix("_id"), value) for name, value in
             (request.view_args or {}).items() if name.removesuffix("_id") in NOUNS]
    case_id = case_id_of(db, *named[0]) if named else None
    record_event(db, user, "request.refused", user, case_id=case_id,
                 endpoint=request.endpoint, method=request.method, code=code,
                 **{noun: value for noun, value in named})
    commit()


def note_refusal(error: DomainError) -> None:
    """Record a domain refusal a page shows: not allowed for this person, or not now."""
    if isinstance(error, Forbidden | Conflict):
        record_refusal(error.code)
