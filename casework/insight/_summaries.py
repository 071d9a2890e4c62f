"""The published case summaries a report shows: those of the period's decisions on the
public index, as the public reads them (anonymised)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from casework.formats import uk_date
from casework.insight._period import InsightFilter
from casework.publication import PublishedFilter, published_casework

# A report is a selection, not a register of every case.
MOST_SUMMARIES = 6


def report_summaries(session: Session, chosen: InsightFilter) -> list[dict]:
    """Up to MOST_SUMMARIES published summaries of the period, latest decided first, as
    {"title", "text"}."""
    listed = published_casework(session, PublishedFilter(
        organisation=str(chosen.organisation_id) if chosen.organisation_id else None,
        theme=chosen.theme, decided_from=chosen.start, decided_to=chosen.end),
        1, MOST_SUMMARIES)
    return [{"title": f"{p.organisation.name}: {p.outcome.label.lower()}, "
                      f"{uk_date(p.decided_on)}",
             "text": p.public_summary} for p in listed.items]
