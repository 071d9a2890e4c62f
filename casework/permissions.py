"""Who may do what: the roles behind every page and API call. Which cases each person sees
is `casework.access`."""

from storage.models import User
from vocabulary import Role

# Staff read case files; organisations will see only their own letters, never evidence.
STAFF = frozenset({Role.INVESTIGATOR, Role.REVIEWER, Role.ADMIN})
# Reviewers check drafts; they never write them (DOMAIN.md).
DRAFTERS = frozenset({Role.INVESTIGATOR, Role.ADMIN})
# A second pair of eyes: investigators never approve, and nobody approves their own draft.
REVIEWERS = frozenset({Role.REVIEWER, Role.ADMIN})
ADMINS = frozenset({Role.ADMIN})


def can_read_cases(user: User) -> bool:
    return user.role in STAFF


def can_draft(user: User) -> bool:
    return user.role in DRAFTERS


def can_review(user: User) -> bool:
    return user.role in REVIEWERS


def can_administer(user: User) -> bool:
    return user.role in ADMINS
