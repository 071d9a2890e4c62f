"""Whether organisations did what the period's final decisions recommended, by kind of
remedy: how many were complied with on time, late, or are overdue, and how long it took."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from casework.compliance import complied_late, complied_on_time, count_of, overdue_on
from casework.formats import office_date
from casework.insight._decided import decided
from casework.insight._figure import Column, Figure, percentile, rate
from casework.insight._period import InsightFilter
from storage.models import Case, Decision, Recommendation
from vocabulary import RecommendationKind

COLUMNS = (
    Column("kind", "Recommendation", "text"),
    Column("made", "Made"),
    Column("complied_on_time", "Complied on time"),
    Column("complied_late", "Complied late"),
    Column("overdue", "Overdue"),
    Column("compliance_rate", "On-time rate", "percent"),
    Column("median_days_to_comply", "Median time to comply", "days"),
)


def compliance_by_kind(session: Session, criteria: InsightFilter, as_of: date) -> Figure:
    """The recommendations of the period's final decisions, by kind; overdue as of `as_of`."""
    conditions = decided(session, criteria)

    def joined(query):
        return (query.join(Case, Case.id == Recommendation.case_id)
                .join(Decision, Decision.case_id == Case.id).where(*conditions))

    counts = {kind: rest for kind, *rest in session.execute(joined(
        select(Recommendation.kind, func.count(Recommendation.id),
               count_of(complied_on_time()), count_of(complied_late()),
               count_of(overdue_on(as_of))))
        .group_by(Recommendation.kind))}
    # The days to comply need every value for their median: two dates a complied one.
    days: dict[RecommendationKind, list[int]] = defaultdict(list)
    for kind, issued, complied in session.execute(joined(
            select(Recommendation.kind, Decision.issued_at, Recommendation.complied_on))
            .where(Recommendation.complied_on.is_not(None))):
        days[kind].append((complied - office_date(issued)).days)
    rows = []
    for kind in RecommendationKind:
        made, on_time, late, overdue = counts.get(kind, (0, 0, 0, 0))
        rows.append((kind.label, made, on_time, late, overdue, rate(on_time, made),
                     percentile(days[kind], 0.5)))
    made = sum(row[1] for row in rows)
    on_time = sum(row[2] for row in rows)
    late = sum(row[3] for row in rows)
    overdue = sum(row[4] for row in rows)
    said = (f"Of {made} recommendations made, {on_time} were complied with on time "
            f"({rate(on_time, made):.0%}), {late} late, and {overdue} are overdue."
            if made else "No recommendations were made in the period's final decisions.")
    return Figure("compliance-by-kind", "Compliance with recommendations", said, COLUMNS,
                  tuple(rows), bars=("complied_on_time", "complied_late", "overdue"),
                  stacked=True)
