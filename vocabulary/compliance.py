"""Following a recommendation until the organisation has done what it was asked."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class ComplianceStatus(Labelled):
    """Where a recommendation stands with the organisation.

    open -> evidence_submitted -> complied
                               -> more_requested -> evidence_submitted ...
    and overdue once the due date passes without acceptance (evidence may still come).
    """

    OPEN = "open", "Open"
    EVIDENCE_SUBMITTED = "evidence_submitted", "Evidence submitted"
    MORE_REQUESTED = "more_requested", "More evidence requested"
    COMPLIED = "complied", "Complied"
    OVERDUE = "overdue", "Overdue"


class ComplianceStep(Labelled):
    """One entry in a recommendation's compliance record."""

    SUBMITTED = "submitted", "Evidence submitted"
    MORE_REQUESTED = "more_requested", "More evidence requested"
    ACCEPTED = "accepted", "Accepted as complied"
    DUE_DATE_AGREED = "due_date_agreed", "New due date agreed"
    MARKED_OVERDUE = "marked_overdue", "Marked overdue"


class ReminderKind(Labelled):
    """Why the organisation is reminded of a recommendation."""

    DUE_SOON = "due_soon", "Due soon"
    OVERDUE = "overdue", "Overdue"
