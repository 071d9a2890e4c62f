"""Work queues: the cases a person works by stage, their recommendations coming due and
overdue, and the versions waiting for a reviewer, the longest waiting first."""

from datetime import UTC, date, datetime

from casework.compliance import (
    awaiting_review,
    cases_by_stage,
    overdue_recommendations,
    recommendations_due,
)
from casework.users import create_user, get_user_by_email
from storage.models import Decision, DecisionVersion
from tests.conftest import INVESTIGATOR, REVIEWER
from tests.followed import case_for, recommend
from vocabulary import CaseStage, DecisionStage, DecisionStatus, Outcome

AS_OF = date(2026, 3, 15)


def test_recommendations_due_and_overdue_are_of_the_investigators_own_cases(db):
    mine = get_user_by_email(db, INVESTIGATOR[0])
    other = create_user(db, "other@example.org", "a-long-password", "investigator")
    case = case_for(db, "Northtown NHS Trust", mine)
    overdue = recommend(db, case, date(2026, 3, 14))
    due_today = recommend(db, case, AS_OF)
    last_day = recommend(db, case, date(2026, 3, 29))
    recommend(db, case, date(2026, 3, 30))  # beyond the fourteen days
    recommend(db, case, date(2026, 3, 20), complied_on=date(2026, 3, 2))
    recommend(db, case_for(db, "Northtown NHS Trust", mine, final_issued=False),
              date(2026, 3, 16))  # the final decision is not issued: not in force
    recommend(db, case_for(db, "Riverside Surgery", other), date(2026, 3, 16))

    assert recommendations_due(db, mine, AS_OF) == [due_today, last_day]
    assert overdue_recommendations(db, mine, AS_OF) == [overdue]
    assert recommendations_due(db, other, date(2026, 4, 1)) == []


def test_a_drafter_works_the_cases_assigned_to_them_by_stage(db):
    mine = get_user_by_email(db, INVESTIGATOR[0])
    admin = create_user(db, "admin@example.org", "a-long-password", "admin")
    follow_up = case_for(db, "Northtown NHS Trust", mine)
    follow_up.stage = CaseStage.FOLLOW_UP
    investigating = case_for(db, "Northtown NHS Trust", mine)
    case_for(db, "Riverside Surgery", admin)
    assert cases_by_stage(db, mine) == [(CaseStage.INVESTIGATION, [investigating]),
                                        (CaseStage.FOLLOW_UP, [follow_up])]
    # An admin sees every case, but works only their own.
    assert [len(cases) for _, cases in cases_by_stage(db, admin)] == [1]


def submitted(db, case, drafter, at: datetime) -> DecisionVersion:
    decision = Decision(case=case, stage=DecisionStage.PROVISIONAL, outcome=Outcome.UPHELD,
                        status=DecisionStatus.SUBMITTED)
    version = DecisionVersion(decision=decision, version=1, object_key="k", sha256="0" * 64,
                              size=1, created_by_id=drafter.id, submitted_by_id=drafter.id,
                              submitted_at=at)
    db.add(version)
    db.flush()
    return version


def test_a_reviewer_is_shown_what_others_submitted_the_longest_waiting_first(db):
    investigator = get_user_by_email(db, INVESTIGATOR[0])
    reviewer = get_user_by_email(db, REVIEWER[0])
    admin = create_user(db, "admin@example.org", "a-long-password", "admin")
    later = submitted(db, case_for(db, "Northtown NHS Trust", investigator, final_issued=False),
                      investigator, datetime(2026, 3, 2, tzinfo=UTC))
    earlier = submitted(db, case_for(db, "Northtown NHS Trust", admin, final_issued=False),
                        admin, datetime(2026, 3, 1, tzinfo=UTC))
    # A version already reviewed, and a superseded one, are not waiting.
    old = submitted(db, case_for(db, "Riverside Surgery", investigator, final_issued=False),
                    investigator, datetime(2026, 2, 1, tzinfo=UTC))
    old.decision.status = DecisionStatus.APPROVED
    db.add(DecisionVersion(decision=later.decision, version=0, object_key="k0",
                           sha256="1" * 64, size=1, created_by_id=investigator.id))
    db.flush()

    assert awaiting_review(db, reviewer) == [earlier, later]
    # Nobody reviews their own draft; investigators review nothing.
    assert awaiting_review(db, admin) == [later]
    assert awaiting_review(db, investigator) == []
