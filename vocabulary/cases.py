"""A case's stage and its outcome."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class CaseStage(Labelled):
    """Where a case is in its life (DOMAIN.md, "After the decision"), in order."""
    INVESTIGATION = "investigation", "Investigation"
    # The provisional decision has gone to both sides: the comment period is open.
    PROVISIONAL_ISSUED = "provisional_issued", "Provisional issued"
    FINAL_ISSUED = "final_issued", "Final issued"
    # Recommendations are outstanding: the organisation has still to show it complied.
    FOLLOW_UP = "follow_up", "Follow-up"
    CLOSED = "closed", "Closed"


class Outcome(Labelled):
    """Each complaint point is upheld or not; the case is upheld when every point is, partly
    upheld when some are, not upheld when none are (DOMAIN.md)."""
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
