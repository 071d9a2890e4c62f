"""Payments for injustice by severity level, against each level's band on the remedy scale;
payments for a calculated financial loss have no level and a row of their own."""

from __future__ import annotations

from sqlalchemy import and_, case, false, func, or_, select
from sqlalchemy.orm import Session

from casework.drafting import RemedyScale
from casework.insight._decided import decided
from casework.insight._figure import Column, Figure
from casework.insight._period import InsightFilter
from storage.models import Case, Decision, Recommendation
from vocabulary import RecommendationKind

# Calculated, not on the scale: shown beside the levels, never counted with them.
FINANCIAL_LOSS = "Financial loss"
COLUMNS = (
    Column("level", "Severity level", "text"),
    Column("band_min_pence", "Band from", "pence"),
    Column("band_max_pence", "Band to", "pence"),
    Column("payments", "Payments"),
    Column("within_band", "Within the band"),
    Column("average_pence", "Average", "pence"),
    Column("total_pence", "Total", "pence"),
)


def payments_by_severity(session: Session, criteria: InsightFilter,
                         scale: RemedyScale) -> Figure:
    """Each level's payments in the period's final decisions: how many, how many fell within
    the band, the average and the total."""
    amount = Recommendation.amount_pence
    within = or_(false(), *(and_(Recommendation.severity_level == level.level,
                               amount.between(level.min_pence, level.max_pence))
                          for level in scale.levels))
    found = {level: rest for level, *rest in session.execute(
        select(Recommendation.severity_level, func.count(Recommendation.id),
               func.coalesce(func.sum(case((within, 1), else_=0)), 0),
               func.avg(amount), func.sum(amount))
        .join(Case, Case.id == Recommendation.case_id)
        .join(Decision, Decision.case_id == Case.id)
        .where(Recommendation.kind == RecommendationKind.PAYMENT, *decided(session, criteria))
        .group_by(Recommendation.severity_level))}
    rows = []
    for level in scale.levels:
        count, inside, average, total = found.get(level.level, (0, 0, None, 0))
        rows.append((f"Level {level.level}", level.min_pence, level.max_pence, count, inside,
                     _whole(average), total))
    if None in found:
        count, _, average, total = found[None]
        rows.append((FINANCIAL_LOSS, None, None, count, None, _whole(average), total))
    return Figure("payments-by-severity", "Payments by severity level",
                  _said(rows), COLUMNS, tuple(rows),
                  bars=("band_min_pence", "average_pence", "band_max_pence"))


def _whole(average) -> int | None:
    # The average of whole pence, to the nearest penny.
    return None if average is None else round(float(average))


def _said(rows: list[tuple]) -> str:
    levelled = [row for row in rows if row[1] is not None]
    payments = sum(row[3] for row in levelled)
    if not payments:
        return "No payments for injustice were recommended in the period."
    inside = sum(row[4] for row in levelled)
    busiest = max(levelled, key=lambda row: row[3])
    return (f"{payments} payments for injustice were recommended; {inside} fell within their "
            f"level's band. The most were at {busiest[0].lower()} ({busiest[3]}).")
