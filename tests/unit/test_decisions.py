import pytest

from casework.decisions import case_outcome
from casework.errors import ValidationFailed
from storage.models import Conclusion, Finding, Outcome


def findings(*conclusions: Conclusion) -> list[Finding]:
    return [Finding(conclusion=c) for c in conclusions]


def test_outcome_follows_the_points():
    assert case_outcome(findings(Conclusion.MALADMINISTRATION)) is Outcome.UPHELD
    assert case_outcome(
        findings(Conclusion.SERVICE_FAILURE, Conclusion.NO_FAILING)
    ) is Outcome.PARTLY_UPHELD
    assert case_outcome(findings(Conclusion.NO_FAILING)) is Outcome.NOT_UPHELD


def test_no_findings_no_outcome():
    with pytest.raises(ValidationFailed, match="at least one finding"):
        case_outcome([])
