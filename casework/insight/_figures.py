"""Every figure of the insight dashboard, in the order the page and the report show them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy.orm import Session

from casework.drafting import RemedyScale
from casework.errors import NotFound
from casework.insight._compliance import compliance_by_kind
from casework.insight._evidence import evidence_throughput
from casework.insight._figure import Figure
from casework.insight._outcomes import (
    outcomes_by_organisation,
    outcomes_by_theme,
    uphold_rate_by_quarter,
)
from casework.insight._payments import payments_by_severity
from casework.insight._period import InsightFilter
from casework.insight._timeliness import time_to_final_decision

# name -> how it is counted, from (session, criteria, scale, as_of)
FIGURES: dict[str, Callable[[Session, InsightFilter, RemedyScale, date], Figure]] = {
    "outcomes-by-organisation": lambda s, c, _, __: outcomes_by_organisation(s, c),
    "outcomes-by-theme": lambda s, c, _, __: outcomes_by_theme(s, c),
    "uphold-rate-by-quarter": lambda s, c, _, __: uphold_rate_by_quarter(s, c),
    "payments-by-severity": lambda s, c, scale, _: payments_by_severity(s, c, scale),
    "time-to-final-decision": lambda s, c, _, __: time_to_final_decision(s, c),
    "compliance-by-kind": lambda s, c, _, as_of: compliance_by_kind(s, c, as_of),
    "evidence-throughput": lambda s, c, _, __: evidence_throughput(s, c),
}
FIGURE_NAMES = tuple(FIGURES)


def insight_figures(session: Session, criteria: InsightFilter, scale: RemedyScale,
                    as_of: date) -> list[Figure]:
    """Every figure for `criteria`; recommendations are overdue as of `as_of`."""
    return [count(session, criteria, scale, as_of) for count in FIGURES.values()]


def insight_figure(session: Session, name: str, criteria: InsightFilter, scale: RemedyScale,
                   as_of: date) -> Figure:
    """The one figure called `name`; NotFound for a name that is none."""
    if name not in FIGURES:
        raise NotFound(f"no figure called {name}")
    return FIGURES[name](session, criteria, scale, as_of)
