"""Who uses the service, and how a published decision names the people in a case."""

from __future__ import annotations

from vocabulary.labelled import Labelled


class Role(Labelled):
    INVESTIGATOR = "investigator", "Investigator"
    REVIEWER = "reviewer", "Reviewer"
    ADMIN = "admin", "Administrator"
    ORGANISATION = "organisation", "Organisation user"


class PersonKind(Labelled):
    """How a person is labelled when published: adults by title and letter, children by a
    letter alone, clinical advisers by their role, never a name."""
    ADULT = "adult", "Adult"
    CHILD = "child", "Child"
    ADVISER = "adviser", "Clinical adviser"
