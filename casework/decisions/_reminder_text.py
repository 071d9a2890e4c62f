"""The words of a reminder to an organisation about one recommendation's due date: the same
text goes by email and, with no mail server or no address, into the outbox to post."""

from __future__ import annotations

from casework.formats import uk_date
from storage.models import Reminder
from vocabulary import ReminderKind


def reminder_subject(reminder: Reminder) -> str:
    """'NT-2026-0001: recommendation due 3 March 2026', or '... overdue since ...'."""
    reference = reminder.recommendation.case.reference
    when = uk_date(reminder.due_date)
    if reminder.kind is ReminderKind.OVERDUE:
        return f"{reference}: recommendation overdue since {when}"
    return f"{reference}: recommendation due {when}"


def reminder_text(reminder: Reminder) -> str:
    """The reminder itself: the case, what was recommended, and when it is or was due."""
    recommendation = reminder.recommendation
    case = recommendation.case
    when = uk_date(reminder.due_date)
    if reminder.kind is ReminderKind.OVERDUE:
        state = (f"It was due by {when}, and we have not yet accepted that it has been done. "
                 "Please send the evidence that it has now, or tell us why it has not.")
    else:
        state = (f"It is due by {when}. Please send the evidence that it has been done "
                 "before then.")
    return (
        f"To {case.organisation.name}\n\n"
        f"Complaint {case.reference}: our final decision recommended\n\n"
        f"    {recommendation.kind.label}: {recommendation.text}\n\n"
        f"{state}\n\n"
        "Evidence of compliance is sent through the organisation portal. Please quote the "
        "reference in any reply.\n"
    )


def reminder_filename(reminder: Reminder) -> str:
    """The reminder's file in the outbox: one per reminder, named so none overwrites another."""
    reference = reminder.recommendation.case.reference
    kind = reminder.kind.value.replace("_", "-")
    return (f"{reference}-reminder-{kind}-recommendation-{reminder.recommendation_id}-"
            f"{reminder.due_date.isoformat()}.txt")
