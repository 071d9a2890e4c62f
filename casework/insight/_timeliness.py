"""How long a case takes: from the day it was opened to the day its final decision was
issued, the median and the 90th percentile of each quarter's decisions."""

from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.formats import office_date
from casework.insight._decided import decided
from casework.insight._figure import Column, Figure, percentile
from casework.insight._period import InsightFilter, quarter_label, quarters_between
from storage.models import Case, Decision


def time_to_final_decision(session: Session, criteria: InsightFilter) -> Figure:
    """Days from opening to final decision, by the quarter the decision was issued in."""
    # Two times a decision, not the cases: a percentile needs every value, and SQLite has no
    # percentile function to leave the work to.
    found = session.execute(select(Case.created_at, Decision.issued_at)
                            .join(Case, Case.id == Decision.case_id)
                            .where(*decided(session, criteria))).all()
    days: dict[str, list[int]] = defaultdict(list)
    for opened, issued in found:
        issued_on = office_date(issued)
        days[quarter_label(issued_on.year, issued_on.month)].append(
            (issued_on - office_date(opened)).days)
    rows = tuple((label, len(days[label]), percentile(days[label], 0.5),
                  percentile(days[label], 0.9))
                 for label in quarters_between(criteria.start, criteria.end))
    every = [value for values in days.values() for value in values]
    said = (f"Across the period's {len(every)} final decisions, half were issued within "
            f"{percentile(every, 0.5)} days of the case being opened and nine in ten within "
            f"{percentile(every, 0.9)} days." if every else
            "No final decisions were issued in the period.")
    return Figure(
        "time-to-final-decision", "Time from case opened to final decision", said,
        (Column("quarter", "Quarter", "text"), Column("decided", "Decided"),
         Column("median_days", "Median", "days"),
         Column("percentile_90_days", "90th percentile", "days")),
        rows, bars=("median_days", "percentile_90_days"))
