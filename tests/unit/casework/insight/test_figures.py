"""Each figure of the insight dashboard, counted by hand from the casework in cases.py."""

from datetime import date

import pytest

from casework.drafting import load_scale
from casework.errors import NotFound, ValidationFailed
from casework.insight import (
    InsightFilter,
    _themes,
    default_filter,
    figure_csv,
    insight_figure,
    period_filter,
)
from tests.unit.casework.insight.cases import NORTHTOWN, RIVERSIDE, the_casework

AS_OF = date(2026, 7, 15)
FIRST_HALF = InsightFilter(date(2026, 1, 1), date(2026, 6, 30))


@pytest.fixture
def casework(db):
    return the_casework(db)


def figure(db, name, criteria=FIRST_HALF):
    return insight_figure(db, name, criteria, load_scale(), AS_OF)


def test_outcomes_by_organisation_count_the_final_decisions_issued_in_the_period(db, casework):
    outcomes = figure(db, "outcomes-by-organisation")
    assert outcomes.rows == ((NORTHTOWN, 1, 1, 0, 2), (RIVERSIDE, 1, 0, 1, 2))
    assert outcomes.summary == ("Of 4 final decisions about 2 organisations: 2 upheld, "
                                "1 partly upheld, 1 not upheld.")


def test_an_organisation_filter_counts_its_cases_alone(db, casework):
    northtown = casework["one"].organisation_id
    criteria = InsightFilter(FIRST_HALF.start, FIRST_HALF.end, organisation_id=northtown)
    assert figure(db, "outcomes-by-organisation", criteria).rows == ((NORTHTOWN, 1, 1, 0, 2),)
    assert figure(db, "uphold-rate-by-quarter", criteria).rows == (
        ("2026 Q1", 2, 2, 1.0), ("2026 Q2", 0, 0, None))


def test_the_uphold_rate_counts_cases_upheld_in_full_or_in_part_each_quarter(db, casework):
    assert figure(db, "uphold-rate-by-quarter").rows == (
        ("2026 Q1", 2, 2, 1.0), ("2026 Q2", 2, 1, 0.5))


def test_payments_are_set_against_their_levels_bands(db, casework):
    payments = figure(db, "payments-by-severity")
    assert payments.rows == (
        ("Level 1", 5000, 45000, 1, 1, 20000, 20000),
        # £1,000 is beyond level 2's band, which ends at £950.
        ("Level 2", 50000, 95000, 1, 0, 100000, 100000),
        ("Level 3", 100000, 195000, 0, 0, None, 0),
        ("Financial loss", None, None, 1, None, 12345, 12345),
    )
    assert payments.summary == ("2 payments for injustice were recommended; 1 fell within "
                                "their level's band. The most were at level 1 (1).")


def test_time_to_final_decision_is_the_median_and_90th_percentile_of_days(db, casework):
    timeliness = figure(db, "time-to-final-decision")
    # Q1: 30 and 70 days; Q2: 40 and 100. The nearest rank: the median of two is the first.
    assert timeliness.rows == (("2026 Q1", 2, 30, 70), ("2026 Q2", 2, 40, 100))
    assert "half were issued within 40 days" in timeliness.summary
    assert "nine in ten within 100 days" in timeliness.summary


def test_compliance_is_counted_by_kind_with_the_days_it_took(db, casework):
    compliance = figure(db, "compliance-by-kind")
    assert compliance.rows == (
        # On time 25 days after the decision; late, 41 days after.
        ("Acknowledgement and apology", 2, 1, 1, 0, 0.5, 25),
        ("Explanation", 0, 0, 0, 0, None, None),
        ("Payment", 3, 0, 0, 0, 0.0, None),
        ("Service improvement", 1, 0, 0, 1, 0.0, None),
    )


def test_evidence_throughput_counts_files_by_the_quarter_they_came_in(db, casework):
    assert figure(db, "evidence-throughput").rows == (
        ("2026 Q1", 3, 2, 1, pytest.approx(1 / 3)), ("2026 Q2", 1, 0, 0, None))


def test_a_theme_must_be_the_taxonomys_and_none_confirmed_counts_nothing(db, casework):
    assert figure(db, "outcomes-by-theme").rows == ()
    with pytest.raises(ValidationFailed, match="There is no theme 'Delay'"):
        period_filter(FIRST_HALF.start, FIRST_HALF.start, FIRST_HALF.end, theme="Delay",
                      themes=["delay"])


def test_themes_of_points_once_filled_give_outcomes_by_theme(db, casework, monkeypatch):
    two = casework["two"]
    delay = {two.complaint_points[0].id: ("Delay",), two.complaint_points[1].id: ("Delay",),
             casework["three"].complaint_points[0].id: ("Delay", "Communication")}
    monkeypatch.setattr(_themes, "themes_of_points", lambda session, ids: delay)
    # Case two counts once under Delay, though two of its points carry it.
    assert figure(db, "outcomes-by-theme").rows == (
        ("Communication", 0, 0, 1, 1), ("Delay", 0, 1, 1, 2))
    with_delay = InsightFilter(FIRST_HALF.start, FIRST_HALF.end, theme="Delay")
    assert figure(db, "outcomes-by-organisation", with_delay).rows == (
        (NORTHTOWN, 0, 1, 0, 1), (RIVERSIDE, 0, 0, 1, 1))


def test_the_csv_has_plain_values_and_no_formulas(db, casework):
    casework["one"].organisation.name = "=HYPERLINK(\"x\")"
    db.commit()
    lines = figure_csv(figure(db, "outcomes-by-organisation")).splitlines()
    assert lines[0] == "organisation,upheld,partly_upheld,not_upheld,decided"
    assert lines[1] == "\"'=HYPERLINK(\"\"x\"\")\",1,1,0,2"
    assert figure_csv(figure(db, "uphold-rate-by-quarter")).splitlines()[1:] == [
        "2026 Q1,2,2,1.000", "2026 Q2,2,1,0.500"]


def test_a_figure_that_is_none_is_not_found(db):
    with pytest.raises(NotFound):
        figure(db, "nothing")


def test_the_default_period_is_the_last_six_quarters():
    criteria = default_filter(date(2026, 12, 4))
    assert (criteria.start, criteria.end) == (date(2025, 7, 1), date(2026, 12, 4))


def test_a_period_that_ends_before_it_starts_is_refused():
    with pytest.raises(ValidationFailed):
        InsightFilter(date(2026, 2, 1), date(2026, 1, 1))
