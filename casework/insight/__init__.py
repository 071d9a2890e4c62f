"""Insight: learning across cases, as the ombudsman shares it. For now one search over every
case a person may read, and the decided cases like a complaint point (the themes themselves
are drafting's: a complaint point carries them).

The room sits on top of the others: it reads cases, evidence, drafting and decisions alike.
The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.insight._case_search import (
    CaseSearch,
    decided_as,
    readable_organisations,
    record_case_search,
    search_cases,
)
from casework.insight._similar_cases import (
    MOST_SHOWN,
    Remedy,
    SimilarCase,
    similar_decided_cases,
)

__all__ = ["MOST_SHOWN", "CaseSearch", "Remedy", "SimilarCase", "decided_as",
           "readable_organisations", "record_case_search", "search_cases",
           "similar_decided_cases"]
