"""Compliance by organisation: made, complied on time and late, overdue, the rate; staff see
every organisation's, an organisation user its own; the CSV."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import select

from casework.compliance import OrganisationFigures, compliance_figures, figures_csv
from casework.errors import NotFound
from casework.users import create_user, get_user_by_email
from storage.models import AuditEvent
from tests.conftest import INVESTIGATOR
from tests.followed import case_for, recommend

AS_OF = date(2026, 3, 15)


@pytest.fixture
def made(db):
    """Northtown: five recommendations in force (two on time, one late, one overdue, one not
    yet due) and one in a case whose final decision is not issued; Riverside: none."""
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    case = case_for(db, "Northtown NHS Trust", investigator)
    recommend(db, case, date(2026, 3, 10), complied_on=date(2026, 3, 10))
    recommend(db, case, None, complied_on=date(2026, 3, 12))
    recommend(db, case, date(2026, 3, 10), complied_on=date(2026, 3, 11))
    recommend(db, case, date(2026, 3, 1))
    recommend(db, case, AS_OF)
    not_final = case_for(db, "Northtown NHS Trust", investigator, final_issued=False)
    recommend(db, not_final, date(2026, 3, 1))
    riverside = case_for(db, "Riverside Surgery", investigator)
    db.commit()
    return {o.name: o for o in (case.organisation, riverside.organisation)}


def test_each_organisation_is_counted_from_its_issued_final_decisions(db, made):
    northtown, riverside = made["Northtown NHS Trust"], made["Riverside Surgery"]
    reader = get_user_by_email(db, INVESTIGATOR[0])
    assert compliance_figures(db, reader, AS_OF) == [
        OrganisationFigures(northtown.id, "Northtown NHS Trust", made=5, complied_on_time=2,
                            complied_late=1, overdue=1),
        OrganisationFigures(riverside.id, "Riverside Surgery", made=0, complied_on_time=0,
                            complied_late=0, overdue=0),
    ]
    [figures] = compliance_figures(db, reader, AS_OF, northtown.id)
    assert figures.rate == pytest.approx(0.4)
    [nothing_made] = compliance_figures(db, reader, AS_OF, riverside.id)
    assert nothing_made.rate is None


def test_a_recommendation_is_overdue_the_day_after_its_due_date(db, made):
    northtown = made["Northtown NHS Trust"].id
    [on_the_day] = compliance_figures(db, None, AS_OF, northtown)
    [day_after] = compliance_figures(db, None, date(2026, 3, 16), northtown)
    assert (on_the_day.overdue, day_after.overdue) == (1, 2)


def test_staff_see_every_organisation_whoever_works_the_cases(db, made):
    stranger = create_user(db, "other@example.org", "a-long-password", "investigator")
    assert [f.organisation for f in compliance_figures(db, stranger, AS_OF)] == [
        "Northtown NHS Trust", "Riverside Surgery"]


def test_an_organisation_user_sees_its_own_and_no_other(db, made):
    northtown, riverside = made["Northtown NHS Trust"], made["Riverside Surgery"]
    user = create_user(db, "org@example.org", "a-long-password", "organisation",
                       "Northtown NHS Trust")
    assert [f.organisation_id for f in compliance_figures(db, user, AS_OF)] == [northtown.id]
    with pytest.raises(NotFound):
        compliance_figures(db, user, AS_OF, riverside.id)
    refused = db.scalars(select(AuditEvent).where(AuditEvent.action == "access.refused")).all()
    assert [(e.actor_id, e.detail) for e in refused] == [
        (user.id, {"record": "organisation", "record_id": riverside.id})]


def test_an_organisation_that_does_not_exist_is_not_found_and_not_audited(db, made):
    with pytest.raises(NotFound):
        compliance_figures(db, None, AS_OF, 999_999)
    assert db.scalar(select(AuditEvent).where(AuditEvent.action == "access.refused")) is None


def test_the_csv_has_a_row_per_organisation_and_quotes_formulas():
    figures = [OrganisationFigures(1, "Northtown NHS Trust", 3, 2, 1, 0),
               OrganisationFigures(2, "=HYPERLINK(1)", 0, 0, 0, 0)]
    assert list(csv.reader(io.StringIO(figures_csv(figures)))) == [
        ["organisation", "made", "complied_on_time", "complied_late", "overdue", "rate"],
        ["Northtown NHS Trust", "3", "2", "1", "0", "0.667"],
        ["'=HYPERLINK(1)", "0", "0", "0", "0", ""],
    ]
