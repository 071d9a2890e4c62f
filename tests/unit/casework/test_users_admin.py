"""What an admin changes: accounts, organisations and who investigates a case, each refused
with its reason when it may not be, and each change on record without a name or address."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select, update
from werkzeug.security import generate_password_hash

import casework.users
from casework.access import can_see
from casework.assignment import assign_case, assignable_investigators, assignee_by_id
from casework.cases import create_case
from casework.errors import Conflict, Forbidden, NotFound, ValidationFailed
from casework.organisations import get_organisation, list_organisations, update_organisation
from casework.users import (
    FAILURE_WINDOW,
    MAX_FAILURES_PER_ACCOUNT,
    MAX_FAILURES_PER_ADDRESS,
    UNKNOWN_ACCOUNT_HASH,
    InvalidToken,
    TooManySignIns,
    authenticate,
    authenticate_token,
    change_details,
    change_role,
    create_token,
    create_user,
    end_sign_in,
    get_user,
    get_user_by_email,
    list_users,
    revoke_tokens,
    set_active,
    sign_in_expired,
    signed_in,
    start_sign_in,
)
from storage.models import ApiToken, AuditEvent, SignInFailure
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
    assert authenticate(db, *INVESTIGATOR, address="192.0.2.1") is None
    with pytest.raises(InvalidToken, match="the bearer token is not valid"):
        authenticate_token(db, token)

    set_active(db, admin, investigator, True)
    assert authenticate(db, *INVESTIGATOR, address="192.0.2.1") is investigator
    assert authenticate_token(db, token) is investigator
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


# --- signing in ---------------------------------------------------------------------------


def sign_in(db, email, password, address="192.0.2.1"):
    return authenticate(db, email, password, address=address)


def test_too_many_failures_for_an_account_refuse_even_the_right_password(db, investigator):
    email, password = INVESTIGATOR
    for attempt in range(MAX_FAILURES_PER_ACCOUNT):
        assert sign_in(db, email.upper(), "wrong-password", f"192.0.2.{attempt}") is None
    with pytest.raises(TooManySignIns, match="Too many failed sign-ins for this account: "
                                             "try again in 15 minutes"):
        sign_in(db, email, password, "198.51.100.7")  # from anywhere
    # An account that does not exist is throttled the same, so the throttle tells nothing.
    for _ in range(MAX_FAILURES_PER_ACCOUNT):
        assert sign_in(db, "nobody@example.org", "wrong-password") is None
    with pytest.raises(TooManySignIns, match="for this account"):
        sign_in(db, "nobody@example.org", "wrong-password")
    # The refusals were not counted: the throttle lifts when the failures age out.
    assert len(list(db.scalars(select(SignInFailure)))) == 2 * MAX_FAILURES_PER_ACCOUNT
    db.execute(update(SignInFailure).values(at=datetime.now(UTC) - FAILURE_WINDOW))
    assert sign_in(db, email, password) is investigator


def test_too_many_failures_from_an_address_refuse_every_account_from_it(db, investigator):
    for attempt in range(MAX_FAILURES_PER_ADDRESS):
        assert sign_in(db, f"guess{attempt}@example.org", "wrong-password", "203.0.113.9") \
            is None
    with pytest.raises(TooManySignIns, match="Too many failed sign-ins from this address"):
        sign_in(db, *INVESTIGATOR, "203.0.113.9")
    assert sign_in(db, *INVESTIGATOR, "192.0.2.1") is investigator


def test_signing_in_forgets_ones_own_slips_but_not_a_guessers(db, investigator):
    email, password = INVESTIGATOR
    for _ in range(MAX_FAILURES_PER_ACCOUNT - 2):
        sign_in(db, email, "wrong-password", "192.0.2.1")
    sign_in(db, email, "wrong-password", "203.0.113.9")
    assert sign_in(db, email, password, "192.0.2.1") is investigator
    assert [f.address for f in db.scalars(select(SignInFailure))] == ["203.0.113.9"]


def test_an_unknown_email_costs_one_password_check_like_a_known_one(db, monkeypatch):
    checked = []

    def check_password_hash(stored, password):
        checked.append(stored.partition("$")[0])
        return real_check(stored, password)

    real_check = casework.users.check_password_hash
    monkeypatch.setattr(casework.users, "check_password_hash", check_password_hash)
    assert sign_in(db, "nobody@example.org", INVESTIGATOR[1]) is None
    assert sign_in(db, INVESTIGATOR[0], "wrong-password") is None
    # Each checked a real hash of the method and cost every account's password has now.
    method = generate_password_hash("x").partition("$")[0]
    assert checked == [method, method]
    assert UNKNOWN_ACCOUNT_HASH.partition("$")[0] == method


def test_a_sign_in_lasts_until_it_is_ended_or_its_hours_pass(db, admin, investigator):
    row, secret = start_sign_in(db, investigator)
    assert signed_in(db, secret) is row and row.user is investigator
    assert signed_in(db, secret + "x") is None
    assert not sign_in_expired(row, 12)
    row.created_at = datetime.now(UTC) - timedelta(hours=12)
    assert sign_in_expired(row, 12)
    end_sign_in(db, secret)
    assert signed_in(db, secret) is None
    # Deactivating an account ends all of its sign-ins; reactivating opens none of them.
    rows = [start_sign_in(db, investigator) for _ in range(2)]
    set_active(db, admin, investigator, False)
    set_active(db, admin, investigator, True)
    assert [signed_in(db, secret) for _, secret in rows] == [None, None]
    db.expire_all()
    assert all(row.ended_at is not None for row, _ in rows)


# --- API tokens -----------------------------------------------------------------------------


def test_a_token_stops_working_when_it_expires_or_is_revoked(db, investigator, reviewer):
    expiring, revoked, other = (create_token(db, user)
                                for user in (investigator, investigator, reviewer))
    assert authenticate_token(db, expiring) is investigator
    db.execute(update(ApiToken).where(ApiToken.user_id == investigator.id)
               .values(expires_at=datetime(2026, 3, 3, 12, tzinfo=UTC)))
    with pytest.raises(InvalidToken, match="the bearer token expired on 3 March 2026"):
        authenticate_token(db, expiring)
    db.execute(update(ApiToken).values(expires_at=datetime.now(UTC) + timedelta(days=1)))
    assert revoke_tokens(db, investigator) == 2
    assert revoke_tokens(db, investigator) == 0
    with pytest.raises(InvalidToken, match="the bearer token was revoked"):
        authenticate_token(db, revoked)
    assert authenticate_token(db, other) is reviewer  # someone else's tokens still work
    with pytest.raises(InvalidToken, match="the bearer token is not valid"):
        authenticate_token(db, "cw_nothing")
    assert [(e.subject_id, e.detail) for e in events(db, "token.revoked")] == [
        (investigator.id, {"count": 2}), (investigator.id, {"count": 0})]
