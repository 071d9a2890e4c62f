"""A decision's stage and status, and who its letters go to."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class DecisionStage(Labelled):
    """A provisional decision goes to both sides for comment; the final one closes the case."""
    PROVISIONAL = "provisional", "Provisional decision"
    FINAL = "final", "Final decision"


class DecisionStatus(Labelled):
    DRAFT = "draft", "Draft"


class Recipient(Labelled):
    """Who receives a letter with each version of a decision."""

    COMPLAINANT = "complainant", "Complainant"
    ORGANISATION = "organisation", "Organisation"
