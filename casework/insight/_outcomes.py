"""Outcomes of the final decisions: by organisation, by theme, and the uphold rate by quarter.

A case is upheld, partly upheld or not upheld (DOMAIN.md); its uphold rate counts the cases
upheld in full or in part, as ombudsmen report it.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from casework.insight._decided import decided, decided_points
from casework.insight._figure import Column, Figure, rate
from casework.insight._period import InsightFilter, quarter_label, quarters_between
from storage.models import Case, Decision, Organisation
from vocabulary import Outcome

OUTCOME_COLUMNS = tuple(Column(outcome.value, outcome.label) for outcome in Outcome)
OUTCOME_KEYS = tuple(outcome.value for outcome in Outcome)


def _outcome_rows(counts: dict[str, Counter]) -> tuple[tuple, ...]:
    return tuple((name, *(tally[o] for o in Outcome), sum(tally.values()))
                 for name, tally in counts.items())


def _outcomes_said(rows: tuple[tuple, ...], of_what: str) -> str:
    totals = [sum(row[i + 1] for row in rows) for i in range(len(Outcome))]
    decided_count = sum(totals)
    if not decided_count:
        return f"No final decisions were issued in the period{of_what}."
    parts = ", ".join(f"{count} {outcome.label.lower()}"
                      for outcome, count in zip(Outcome, totals, strict=True))
    return f"Of {decided_count} final decisions{of_what}: {parts}."


def outcomes_by_organisation(session: Session, criteria: InsightFilter) -> Figure:
    """Each organisation's final decisions in the period by outcome, most decided first."""
    found = session.execute(
        select(Organisation.name, Decision.outcome, func.count(Decision.id))
        .join(Case, Case.id == Decision.case_id)
        .join(Organisation, Organisation.id == Case.organisation_id)
        .where(*decided(session, criteria))
        .group_by(Organisation.name, Decision.outcome)).all()
    counts: dict[str, Counter] = defaultdict(Counter)
    for name, outcome, count in found:
        counts[name][outcome] += count
    ordered = dict(sorted(counts.items(), key=lambda item: (-sum(item[1].values()), item[0])))
    rows = _outcome_rows(ordered)
    return Figure(
        "outcomes-by-organisation", "Outcomes by organisation",
        _outcomes_said(rows, f" about {len(rows)} organisations" if len(rows) > 1 else ""),
        (Column("organisation", "Organisation", "text"), *OUTCOME_COLUMNS,
         Column("decided", "Decided")),
        rows, bars=OUTCOME_KEYS, stacked=True)


def outcomes_by_theme(session: Session, criteria: InsightFilter) -> Figure:
    """The cases with a complaint point of each theme, by the case's outcome. A case counts
    once under each theme its points carry."""
    columns = (Column("theme", "Theme", "text"), *OUTCOME_COLUMNS, Column("decided", "Decided"))
    cases: dict[str, dict[int, Outcome]] = defaultdict(dict)
    for case_id, outcome, themes in decided_points(session, decided(session, criteria)):
        for theme in themes:
            cases[theme][case_id] = outcome
    counts = {theme: Counter(by_case.values()) for theme, by_case in sorted(cases.items())}
    rows = _outcome_rows(counts)
    return Figure("outcomes-by-theme", "Outcomes by theme",
                  _outcomes_said(rows, f" with a theme, across {len(rows)} themes"),
                  columns, rows, bars=OUTCOME_KEYS, stacked=True)


def uphold_rate_by_quarter(session: Session, criteria: InsightFilter) -> Figure:
    """Final decisions issued each quarter and the share upheld in full or in part."""
    year, month = extract("year", Decision.issued_at), extract("month", Decision.issued_at)
    found = session.execute(
        select(year, month, Decision.outcome, func.count(Decision.id))
        .join(Case, Case.id == Decision.case_id)
        .where(*decided(session, criteria))
        .group_by(year, month, Decision.outcome)).all()
    counts: dict[str, Counter] = {label: Counter()
                                  for label in quarters_between(criteria.start, criteria.end)}
    for in_year, in_month, outcome, count in found:
        counts.setdefault(quarter_label(int(in_year), int(in_month)), Counter())[outcome] += count
    rows = []
    for label, tally in counts.items():
        upheld = tally[Outcome.UPHELD] + tally[Outcome.PARTLY_UPHELD]
        total = sum(tally.values())
        rows.append((label, total, upheld, rate(upheld, total)))
    total = sum(row[1] for row in rows)
    upheld = sum(row[2] for row in rows)
    said = (f"{upheld} of {total} final decisions upheld the complaint in full or in part "
            f"({rate(upheld, total):.0%})." if total else
            "No final decisions were issued in the period.")
    return Figure(
        "uphold-rate-by-quarter", "Uphold rate by quarter", said,
        (Column("quarter", "Quarter", "text"), Column("decided", "Decided"),
         Column("upheld_or_partly", "Upheld in full or in part"),
         Column("uphold_rate", "Uphold rate", "percent")),
        tuple(rows), bars=("decided", "upheld_or_partly"))
