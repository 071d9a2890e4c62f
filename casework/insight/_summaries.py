"""The published case summaries a report shows: the seam where published casework joins it.

The publication room publishes summaries of closed cases; until it offers
`published_summaries(session, ...)`, a report has none to show and leaves its section out.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework import publication

# A report is a selection, not a register of every case.
MOST_SUMMARIES = 6


def report_summaries(session: Session) -> list[dict]:
    """Up to MOST_SUMMARIES published summaries as {"title", "text"}, newest first as the
    publication room orders them; none while it publishes none."""
    published = getattr(publication, "published_summaries", None)
    if published is None:
        return []
    return [{"title": str(getattr(summary, "title", "")),
             "text": str(getattr(summary, "summary", summary))}
            for summary in list(published(session))[:MOST_SUMMARIES]]
