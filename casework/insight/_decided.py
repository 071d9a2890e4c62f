"""The final decisions a set of figures counts: issued in the period, about the organisation
and the theme asked for. Conditions on `Decision` joined to its `Case`."""

from __future__ import annotations

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from casework.insight import _themes
from casework.insight._period import InsightFilter
from storage.models import Case, ComplaintPoint, Decision
from vocabulary import DecisionStage, DecisionStatus, Outcome


def decided(session: Session, criteria: InsightFilter) -> list[ColumnElement[bool]]:
    """The conditions for the final decisions `criteria` describes."""
    conditions = [Decision.stage == DecisionStage.FINAL,
                  Decision.status == DecisionStatus.ISSUED,
                  Decision.issued_at >= criteria.start_moment,
                  Decision.issued_at < criteria.end_moment]
    if criteria.organisation_id is not None:
        conditions.append(Case.organisation_id == criteria.organisation_id)
    if criteria.theme:
        with_theme = {case_id for case_id, _, themes in decided_points(session, conditions)
                      if criteria.theme in themes}
        conditions.append(Case.id.in_(with_theme))
    return conditions


def decided_points(session: Session, conditions: list[ColumnElement[bool]]
                   ) -> list[tuple[int, Outcome, tuple[str, ...]]]:
    """(case id, the case's outcome, the point's themes) for each complaint point of the
    decided cases: a row of three values a point, never the points themselves."""
    rows = session.execute(
        select(ComplaintPoint.id, ComplaintPoint.case_id, Decision.outcome)
        .join(Case, Case.id == ComplaintPoint.case_id)
        .join(Decision, Decision.case_id == Case.id)
        .where(*conditions)).all()
    themes = _themes.themes_of_points(session, [point_id for point_id, _, _ in rows])
    return [(case_id, outcome, themes.get(point_id, ())) for point_id, case_id, outcome in rows]
