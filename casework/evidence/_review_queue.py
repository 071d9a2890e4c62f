"""Files waiting for an investigator to say what they are, across the cases a person sees.

The classifier flags a file it could not type with confidence (needs review); the flag is
cleared when someone sets the type. The queue lists the flagged files oldest first, a page at
a time, so the longest-waiting are typed first.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from casework.access import sees_case
from casework.paging import PER_PAGE, Paged, paged
from storage.models import Case, Evidence, User


def files_to_review(session: Session, user: User, page: int = 1,
                    per_page: int = PER_PAGE) -> Paged[Evidence]:
    """One page of the flagged files in the cases `user` may see, each with its case loaded."""
    return paged(session, select(Evidence).join(Case, Evidence.case_id == Case.id)
                 .where(Evidence.needs_review.is_(True), sees_case(user))
                 .order_by(Evidence.created_at, Evidence.id)
                 .options(joinedload(Evidence.case)), page, per_page)
