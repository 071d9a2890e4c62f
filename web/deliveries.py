"""Issued letters on their way: a letter printed from the outbox is marked as posted."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, url_for

from casework.decisions import get_delivery, mark_posted
from casework.errors import DomainError
from casework.permissions import DRAFTERS
from web.access import note_refusal
from web.auth import current_actor, roles_required
from web.runtime import commit, get_db

bp = Blueprint("deliveries", __name__)


@bp.post("/deliveries/<int:delivery_id>/posted")
@roles_required(DRAFTERS)
def posted(delivery_id: int):
    delivery = get_delivery(get_db(), delivery_id)
    letter = delivery.letter
    back = redirect(url_for("workspace.decision", case_id=letter.version.decision.case_id,
                            _anchor="letters"))
    try:
        mark_posted(get_db(), current_actor(), delivery)
    except DomainError as error:
        note_refusal(error)
        flash(error.message, "error")
        return back
    commit()
    flash(f"The letter to the {letter.recipient.label.lower()} is marked as posted.", "success")
    return back
