"""A case's status and its outcome."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class CaseStatus(Labelled):
    OPEN = "open", "Open"


class Outcome(Labelled):
    """Each complaint point is upheld or not; the case is upheld when every point is, partly
    upheld when some are, not upheld when none are (DOMAIN.md)."""
    UPHELD = "upheld", "Upheld"
    PARTLY_UPHELD = "partly_upheld", "Partly upheld"
    NOT_UPHELD = "not_upheld", "Not upheld"
