import pytest

from casework.drafting import case_outcome, derived_case_outcome, point_upheld
from casework.errors import ValidationFailed
from storage.models import Case, ComplaintPoint, Finding
from vocabulary import Conclusion, Outcome


def case_with(*points: tuple[Conclusion, ...]) -> Case:
    return Case(complaint_points=[
        ComplaintPoint(number=n, text=f"Point {n}",
                       findings=[Finding(conclusion=c) for c in conclusions])
        for n, conclusions in enumerate(points, start=1)
    ])


def test_outcome_follows_the_points():
    assert case_outcome(case_with((Conclusion.MALADMINISTRATION,))) is Outcome.UPHELD
    assert case_outcome(
        case_with((Conclusion.SERVICE_FAILURE,), (Conclusion.NO_FAILING,))
    ) is Outcome.PARTLY_UPHELD
    assert case_outcome(case_with((Conclusion.NO_FAILING,))) is Outcome.NOT_UPHELD


def test_a_point_is_upheld_when_any_of_its_findings_found_a_failing():
    case = case_with((Conclusion.NO_FAILING, Conclusion.SERVICE_FAILURE))
    assert point_upheld(case.complaint_points[0])
    assert case_outcome(case) is Outcome.UPHELD


def test_overrides_win_over_what_the_findings_say():
    case = case_with((Conclusion.SERVICE_FAILURE,), (Conclusion.SERVICE_FAILURE,))
    case.complaint_points[1].upheld_override = False
    assert derived_case_outcome(case) is Outcome.PARTLY_UPHELD
    case.outcome_override = Outcome.UPHELD
    assert case_outcome(case) is Outcome.UPHELD


def test_no_points_no_outcome():
    with pytest.raises(ValidationFailed, match="Add a complaint point"):
        case_outcome(Case(complaint_points=[]))


def test_a_point_without_a_finding_blocks_the_outcome():
    case = case_with((Conclusion.SERVICE_FAILURE,), ())
    with pytest.raises(ValidationFailed, match="Complaint point 2 has no finding"):
        case_outcome(case)
