"""What an admin changes: accounts, organisations and who investigates a case, each refused
with its reason when it may not be, and each change on record without a name or address."""

import pytest
from sqlalchemy import select

from casework.access import can_see
from casework.assignment import assign_case, assignable_investigators, assignee_by_id
from casework.cases import create_case
from casework.errors import Conflict, Forbidden, NotFound, ValidationFailed
from casework.organisations import get_organisation, list_organisations, update_organisation
from casework.users import (
    authenticate,
    change_details,
    change_role,
    create_token,
    create_user,
    get_user,
    get_user_by_email,
    list_users,
    set_active,
    user_for_token,
)
from storage.models import AuditEvent
from tests.conftest import INVESTIGATOR, REVIEWER
from vocabulary import Role


@pytest.fixture
def admin(db):
    user = create_user(db, "admin@example.org", "admin-password", "admin", name="Alex Morgan",
                       job_title="Casework Manager")
    db.commit()
    return user


@pytest.fixture
def investigator(db):
    return get_user_by_email(db, INVESTIGATOR[0])


@pytest.fixture
def reviewer(db):
    return get_user_by_email(db, REVIEWER[0])


def events(db, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.id)))


def test_a_user_is_created_with_the_name_and_job_title_letters_are_signed_with(db, admin):
    assert (admin.name, admin.job_title, admin.active) == ("Alex Morgan", "Casework Manager",
                                                           True)
    with pytest.raises(ValidationFailed, match="job title must be 200 characters or fewer"):
        create_user(db, "long@example.org", "a-long-password", "investigator",
                    job_title="x" * 201)
    assert get_user(db, admin.id) is admin
    with pytest.raises(NotFound, match="no user with id 999"):
        get_user(db, 999)
    assert [user.email for user in list_users(db)] == [
        "investigator@example.org", "reviewer@example.org", "admin@example.org"]


def test_an_admin_changes_a_role_on_record(db, admin, investigator):
    change_role(db, admin, investigator, "reviewer")
    change_role(db, admin, investigator, Role.REVIEWER)  # no change, nothing recorded
    assert investigator.role is Role.REVIEWER
    [event] = events(db, "user.role_changed")
    assert (event.actor_id, event.subject_id, event.detail) == (
        admin.id, investigator.id, {"from_role": "investigator", "to_role": "reviewer"})
    with pytest.raises(ValidationFailed, match="role must be one of"):
        change_role(db, admin, investigator, "superuser")


def test_only_an_admin_changes_accounts(db, admin, investigator, reviewer):
    for change in (lambda: change_role(db, investigator, reviewer, "admin"),
                   lambda: set_active(db, reviewer, investigator, False),
                   lambda: change_details(db, investigator, investigator, "Me", "Boss")):
        with pytest.raises(Forbidden, match="only an administrator"):
            change()
    assert (reviewer.role, investigator.active, investigator.name) == (Role.REVIEWER, True, "")


def test_staff_never_become_an_organisation_nor_the_reverse(db, admin, investigator):
    organisation_user = create_user(db, "org@example.org", "a-long-password", "organisation",
                                    "Riverside Surgery")
    with pytest.raises(ValidationFailed, match="between staff and an organisation"):
        change_role(db, admin, investigator, "organisation")
    with pytest.raises(ValidationFailed, match="between staff and an organisation"):
        change_role(db, admin, organisation_user, "investigator")


def test_the_last_active_admin_keeps_the_role_and_the_account(db, admin, investigator):
    with pytest.raises(Conflict, match="last active administrator"):
        change_role(db, admin, admin, "investigator")
    with pytest.raises(ValidationFailed, match="cannot deactivate your own account"):
        set_active(db, admin, admin, False)
    assert (admin.role, admin.active) == (Role.ADMIN, True)

    change_role(db, admin, investigator, "admin")
    change_role(db, admin, admin, "investigator")  # another admin is left
    assert admin.role is Role.INVESTIGATOR
    set_active(db, investigator, admin, False)
    with pytest.raises(Conflict, match="last active administrator"):
        change_role(db, investigator, investigator, "reviewer")


def test_a_deactivated_user_can_neither_sign_in_nor_use_a_token(db, admin, investigator):
    token = create_token(db, investigator)
    set_active(db, admin, investigator, False)
    db.commit()
    assert authenticate(db, *INVESTIGATOR) is None
    assert user_for_token(db, token) is None

    set_active(db, admin, investigator, True)
    assert authenticate(db, *INVESTIGATOR) is investigator
    assert user_for_token(db, token) is investigator
    assert [e.subject_id for e in events(db, "user.deactivated")] == [investigator.id]
    assert [e.subject_id for e in events(db, "user.reactivated")] == [investigator.id]


def test_details_change_on_record_without_what_they_say(db, admin, investigator):
    change_details(db, admin, investigator, "  Sam   Patel ", "Senior Investigator")
    change_details(db, admin, investigator, "Sam Patel", "Senior Investigator")  # no change
    assert (investigator.name, investigator.job_title) == ("Sam Patel", "Senior Investigator")
    [event] = events(db, "user.details_changed")
    assert event.detail == {"fields": ["name", "job_title"]}


def test_an_organisation_is_renamed_and_its_contact_emails_checked(db, admin):
    case = create_case(db, admin, "Mrs Ada Lovelace", "Northtown NHS Trust")
    create_case(db, admin, "Mr Ben Example", "Riverside Surgery")
    organisation = get_organisation(db, case.organisation_id)
    update_organisation(db, admin, organisation, " Northtown  Hospitals NHS Trust ", [
        "Complaints@Northtown.example", "complaints@northtown.example", "chief@northtown.example"])
    assert organisation.name == "Northtown Hospitals NHS Trust"
    assert organisation.contact_emails == ["complaints@northtown.example",
                                           "chief@northtown.example"]
    assert [o.name for o in list_organisations(db)] == ["Northtown Hospitals NHS Trust",
                                                        "Riverside Surgery"]
    [event] = events(db, "organisation.changed")
    assert event.detail == {"fields": ["name", "contact_emails"], "contact_emails": 2}

    with pytest.raises(ValidationFailed, match="'not-an-address' is not an email address") as bad:
        update_organisation(db, admin, organisation, organisation.name, ["not-an-address"])
    assert bad.value.field == "contact_emails"
    with pytest.raises(ValidationFailed, match="already called Riverside Surgery"):
        update_organisation(db, admin, organisation, "Riverside Surgery", [])
    with pytest.raises(ValidationFailed, match="Enter the organisation's name"):
        update_organisation(db, admin, organisation, "  ", [])
    with pytest.raises(NotFound):
        get_organisation(db, 999)
    assert organisation.contact_emails == ["complaints@northtown.example",
                                           "chief@northtown.example"]


def test_only_an_admin_changes_an_organisation(db, admin, investigator):
    case = create_case(db, investigator, "Mrs Ada Lovelace", "Northtown NHS Trust")
    with pytest.raises(Forbidden):
        update_organisation(db, investigator, case.organisation, "Elsewhere", [])
    assert case.organisation.name == "Northtown NHS Trust"


def test_an_admin_assigns_a_case_to_an_active_investigator(db, admin, investigator):
    other = create_user(db, "second@example.org", "a-long-password", "investigator")
    case = create_case(db, investigator, "Mrs Ada Lovelace", "Northtown NHS Trust")
    assert [user.email for user in assignable_investigators(db)] == [
        "investigator@example.org", "second@example.org"]

    assign_case(db, admin, case, other)
    assert case.assignee is other
    assert can_see(db, other, case.id) and not can_see(db, investigator, case.id)
    [event] = events(db, "case.assigned")
    assert (event.actor_id, event.case_id, event.detail) == (
        admin.id, case.id, {"from_user_id": investigator.id, "to_user_id": other.id})


def test_a_case_is_never_assigned_to_anyone_but_an_active_investigator(
        db, admin, investigator, reviewer):
    case = create_case(db, investigator, "Mrs Ada Lovelace", "Northtown NHS Trust")
    with pytest.raises(ValidationFailed, match=f"user {reviewer.id} is a reviewer") as refused:
        assign_case(db, admin, case, reviewer)
    assert refused.value.field == "user_id"
    with pytest.raises(ValidationFailed, match="is an administrator"):
        assign_case(db, admin, case, admin)
    with pytest.raises(ValidationFailed, match="there is no user with id 999"):
        assignee_by_id(db, 999)
    other = create_user(db, "second@example.org", "a-long-password", "investigator")
    set_active(db, admin, other, False)
    with pytest.raises(ValidationFailed, match=f"user {other.id} is deactivated"):
        assign_case(db, admin, case, other)
    assert other not in assignable_investigators(db)
    with pytest.raises(Forbidden):
        assign_case(db, investigator, case, investigator)
    assert case.assignee is investigator
    assert events(db, "case.assigned") == []


def test_no_admin_change_puts_an_address_or_a_name_on_record(db, admin, investigator):
    change_details(db, admin, investigator, "Sam Patel", "Senior Investigator")
    change_role(db, admin, investigator, "reviewer")
    set_active(db, admin, investigator, False)
    case = create_case(db, admin, "Mrs Ada Lovelace", "Northtown NHS Trust")
    update_organisation(db, admin, case.organisation, "Northtown NHS Trust",
                        ["complaints@northtown.example"])
    db.flush()
    recorded = " ".join(str(e.detail) for e in db.scalars(select(AuditEvent)))
    for private in ("@", "Sam Patel", "Senior Investigator", "Alex Morgan"):
        assert private not in recorded
