"""Decided cases like a complaint point, so that like cases get like remedies.

A like point is one in another decided case the reader may read, sharing a theme with this
point (its confirmed themes, else those its words suggest), whose words are close: the
cosine of the two points' word counts (their text and their findings'), common words left
out. Each comes with its case's outcome and the remedies made on its findings.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, selectinload

from casework.access import sees_case
from casework.drafting import Themes, point_texts, suggest_themes
from storage.models import Case, ComplaintPoint, ComplaintPointTheme, Decision, Recommendation, User
from vocabulary import DecisionStage, DecisionStatus, Outcome, RecommendationKind

# The most recent like-themed points compared, however many there are: the page's work stays
# bounded as the casework grows.
MOST_COMPARED = 200
MOST_SHOWN = 5

# Words too common in complaints to say two are alike.
_COMMON = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "for",
    "from", "had", "has", "have", "he", "her", "his", "i", "in", "is", "it", "its", "me",
    "my", "no", "not", "of", "on", "or", "our", "she", "so", "that", "the", "their", "them",
    "there", "they", "this", "to", "us", "was", "we", "were", "what", "when", "which",
    "who", "will", "with", "would", "you", "your"
})
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Remedy:
    kind: RecommendationKind
    amount_pence: int | None
    severity_level: int | None


@dataclass(frozen=True)
class SimilarCase:
    case_id: int
    case_reference: str
    point_id: int
    point_number: int
    shared_themes: tuple[str, ...]
    # From 0 (no word in common) to 1 (the same words as often).
    closeness: float
    outcome: Outcome | None
    remedies: tuple[Remedy, ...]


def _counts(texts: list[str]) -> Counter:
    return Counter(w for w in _WORD.findall(" ".join(texts).lower()) if w not in _COMMON)


def _cosine(one: Counter, other: Counter) -> float:
    shared = sum(one[w] * other[w] for w in one.keys() & other.keys())
    norms = math.sqrt(sum(v * v for v in one.values())) * math.sqrt(
        sum(v * v for v in other.values()))
    return shared / norms if norms else 0.0


def _outcomes(session: Session, case_ids: set[int]) -> dict[int, Outcome]:
    """Each case's latest issued decision's outcome: the final one's once issued."""
    outcomes: dict[int, Outcome] = {}
    for decision in session.scalars(select(Decision).where(
            Decision.case_id.in_(case_ids), Decision.status == DecisionStatus.ISSUED)
            .order_by(Decision.case_id, Decision.stage == DecisionStage.FINAL)):
        outcomes[decision.case_id] = decision.outcome
    return outcomes


def similar_decided_cases(session: Session, reader: User, point: ComplaintPoint,
                          themes: Themes) -> list[SimilarCase]:
    """The decided cases with points most like `point`, closest first."""
    wanted = [row.theme for row in point.themes] or [
        s.theme.slug for s in suggest_themes(themes, point)]
    if not wanted:
        return []
    decided = exists().where(Decision.case_id == Case.id,
                             Decision.status == DecisionStatus.ISSUED)
    themed = exists().where(ComplaintPointTheme.complaint_point_id == ComplaintPoint.id,
                            ComplaintPointTheme.theme.in_(wanted))
    candidates = list(session.scalars(
        select(ComplaintPoint).join(Case, Case.id == ComplaintPoint.case_id)
        .where(Case.id != point.case_id, sees_case(reader), decided, themed)
        .order_by(ComplaintPoint.id.desc()).limit(MOST_COMPARED)
        .options(selectinload(ComplaintPoint.findings), selectinload(ComplaintPoint.themes),
                 selectinload(ComplaintPoint.case))))
    mine = _counts(point_texts(point))
    closest = sorted(((_cosine(mine, _counts(point_texts(c))), c) for c in candidates),
                     key=lambda pair: -pair[0])[:MOST_SHOWN]
    closest = [(closeness, c) for closeness, c in closest if closeness > 0]
    outcomes = _outcomes(session, {c.case_id for _, c in closest})
    remedies = _remedies(session, [f.id for _, c in closest for f in c.findings])
    return [SimilarCase(
        c.case_id, c.case.reference, c.id, c.number,
        tuple(row.theme for row in c.themes if row.theme in wanted), round(closeness, 2),
        outcomes.get(c.case_id),
        tuple(remedy for f in c.findings for remedy in remedies.get(f.id, ())))
        for closeness, c in closest]


def _remedies(session: Session, finding_ids: list[int]) -> dict[int, list[Remedy]]:
    """The remedies recommended on each finding."""
    found: dict[int, list[Remedy]] = {}
    for recommendation in session.scalars(select(Recommendation).where(
            Recommendation.finding_id.in_(finding_ids)).order_by(Recommendation.id)):
        found.setdefault(recommendation.finding_id, []).append(Remedy(
            recommendation.kind, recommendation.amount_pence, recommendation.severity_level))
    return found
