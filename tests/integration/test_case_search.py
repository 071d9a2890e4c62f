"""Search across cases, on SQLite and PostgreSQL: a hit in a case the reader may not read
never appears, not even in the count, and each filter narrows the hits."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from casework.cases import create_case
from casework.drafting import load_themes
from casework.insight import CaseSearch, Remedy, search_cases, similar_decided_cases
from storage.models import (
    ComplaintPoint,
    ComplaintPointTheme,
    Decision,
    Finding,
    Recommendation,
    User,
)
from tests.evidence_rows import add_read_file
from vocabulary import (
    Conclusion,
    DecisionStage,
    DecisionStatus,
    DocType,
    Outcome,
    RecommendationKind,
    Role,
)

pytestmark = pytest.mark.integration


def a_user(session, email: str, role: Role) -> User:
    user = User(email=email, password_hash="not used", role=role)
    session.add(user)
    session.flush()
    return user


@pytest.fixture
def two_cases(storage):
    """Two investigators' cases about two organisations, each with a file whose three pages
    tell of the district nurse; only the first case's point has a theme and a decision."""
    with storage.sessions() as session:
        first, second = (a_user(session, f"{name}@example.org", Role.INVESTIGATOR)
                         for name in ("first", "second"))
        cases = [create_case(session, first, "Mrs A Example", "Northtown NHS Trust"),
                 create_case(session, second, "Mr B Example", "Riverside Surgery")]
        session.commit()
        for case, name in zip(cases, ("a.pdf", "b.pdf"), strict=True):
            add_read_file(session, storage.objects, case, name, [],
                          pages=[f"Page {n}: the district nurse visited." for n in (1, 2, 3)])
        cases[1].evidence[0].doc_type = DocType.CLINICAL_RECORD
        cases[1].evidence[0].created_at = datetime(2026, 1, 5, 12, tzinfo=UTC)
        point = ComplaintPoint(case=cases[0], number=1, text="The nurse did not come.")
        point.themes.append(ComplaintPointTheme(theme="treatment-and-care", case_id=cases[0].id))
        session.add_all([point, Decision(case=cases[0], stage=DecisionStage.PROVISIONAL,
                                         status=DecisionStatus.ISSUED,
                                         outcome=Outcome.UPHELD)])
        session.commit()
        yield session, first, second, cases


def found(session, reader, **search) -> tuple[int, list[tuple[str, int]]]:
    results = search_cases(session, reader, CaseSearch("district nurse", **search))
    return results.total, sorted((hit.case_reference, hit.page) for hit in results.items)


def test_a_reader_finds_pages_only_in_the_cases_they_may_read(two_cases):
    session, first, second, (mine, theirs) = two_cases
    assert found(session, first) == (3, [(mine.reference, n) for n in (1, 2, 3)])
    assert found(session, second) == (3, [(theirs.reference, n) for n in (1, 2, 3)])
    admin = a_user(session, "admin@example.org", Role.ADMIN)
    assert found(session, admin)[0] == 6
    # Organisations see no case files; a reviewer only cases sent to them for review.
    assert found(session, a_user(session, "org@example.org", Role.ORGANISATION)) == (0, [])
    assert found(session, a_user(session, "rev@example.org", Role.REVIEWER)) == (0, [])


def test_each_filter_narrows_the_hits(two_cases):
    session, _first, _second, (first_case, second_case) = two_cases
    admin = a_user(session, "admin@example.org", Role.ADMIN)
    only_first, only_second = {first_case.reference}, {second_case.reference}

    def cases_found(**search) -> set[str]:
        return {reference for reference, _ in found(session, admin, **search)[1]}

    assert cases_found(organisation_id=second_case.organisation_id) == only_second
    assert cases_found(theme="treatment-and-care") == only_first
    assert cases_found(outcome=Outcome.UPHELD) == only_first
    assert cases_found(outcome=Outcome.NOT_UPHELD) == set()
    assert cases_found(doc_type=DocType.CLINICAL_RECORD) == only_second
    assert cases_found(uploaded_to=date(2026, 1, 5)) == only_second
    assert cases_found(uploaded_from=date(2026, 1, 6)) == only_first


def test_a_final_decision_once_issued_is_the_case_outcome(two_cases):
    session, _first, _second, (first_case, _) = two_cases
    admin = a_user(session, "admin@example.org", Role.ADMIN)
    session.add(Decision(case=first_case, stage=DecisionStage.FINAL,
                         status=DecisionStatus.ISSUED, outcome=Outcome.PARTLY_UPHELD))
    session.flush()
    assert found(session, admin, outcome=Outcome.UPHELD) == (0, [])
    assert found(session, admin, outcome=Outcome.PARTLY_UPHELD)[0] == 3


def test_like_points_in_decided_cases_come_with_their_outcome_and_remedies(two_cases):
    session, first, second, (decided, undecided) = two_cases
    [point] = decided.complaint_points
    finding = Finding(case=decided, complaint_point=point, title="Visits",
                      what_happened="The district nurse did not come.",
                      what_should_have_happened="A visit each day.",
                      conclusion=Conclusion.SERVICE_FAILURE)
    session.add(Recommendation(case=decided, finding=finding, kind=RecommendationKind.PAYMENT,
                               text="Pay.", amount_pence=50000, severity_level=2))
    like = ComplaintPoint(case=undecided, number=1, text="The district nurse did not come.")
    like.themes.append(ComplaintPointTheme(theme="treatment-and-care", case_id=undecided.id))
    session.add(like)
    session.flush()
    admin = a_user(session, "admin@example.org", Role.ADMIN)
    [similar] = similar_decided_cases(session, admin, like, load_themes())
    assert (similar.case_reference, similar.point_number, similar.shared_themes,
            similar.outcome) == (decided.reference, 1, ("treatment-and-care",), Outcome.UPHELD)
    assert similar.remedies == (Remedy(RecommendationKind.PAYMENT, 50000, 2),)
    assert 0 < similar.closeness <= 1
    # The undecided case is never offered, and nobody sees a case they may not read.
    assert similar_decided_cases(session, admin, point, load_themes()) == []
    assert similar_decided_cases(session, second, like, load_themes()) == []
