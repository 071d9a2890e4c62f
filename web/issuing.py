"""Issuing a decision, for the pages and the API alike: one unit of work marks it issued and
readies its letters; once that is committed, the emails are queued."""

from __future__ import annotations

from casework.decisions import deliver_letters, mark_issued
from storage.models import Decision, Delivery, User
from vocabulary import Channel
from web.runtime import commit, enqueue_delivery, get_db, get_settings, get_store


def issue_and_deliver(decision: Decision, actor: User) -> list[Delivery]:
    """Issue the approved version and start its letters on their way; the deliveries begun.

    The emails are queued only after the commit, so a worker never looks for a delivery
    that is not yet saved; one lost between the two is queued again when a worker starts."""
    db = get_db()
    settings = get_settings()
    version = mark_issued(db, decision, actor)
    deliver_letters(db, get_store(), version, outbox_dir=settings.outbox_dir,
                    by_email=settings.smtp is not None, actor=actor)
    commit()
    deliveries = [d for letter in version.letters for d in letter.deliveries]
    for delivery in deliveries:
        if delivery.channel is Channel.EMAIL:
            enqueue_delivery(delivery.id)
    return deliveries
