"""Who investigates which case: its creator at first (`create_case`), then whom an admin
assigns. An investigator sees only the cases assigned to them (`casework.access`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.errors import ValidationFailed
from casework.users import check_administers
from storage.models import Case, User
from vocabulary import Role


def assignable_investigators(session: Session) -> list[User]:
    """Whom a case may be assigned to: every active investigator, by name, then email."""
    return list(session.scalars(
        select(User).where(User.role == Role.INVESTIGATOR, User.active.is_(True))
        .order_by(User.name, User.email)))


def assignee_by_id(session: Session, user_id: int) -> User:
    """The user an assignment names; an id nobody has is refused as a bad choice."""
    user = session.get(User, user_id)
    if user is None:
        raise ValidationFailed(f"Choose an active investigator: there is no user with id "
                               f"{user_id}", field="user_id")
    return user


def assign_case(session: Session, actor: User, case: Case, user: User) -> None:
    """Give `case` to `user`, who must be an active investigator."""
    check_administers(actor)
    if user.role is not Role.INVESTIGATOR:
        raise ValidationFailed(f"Choose an active investigator: user {user.id} is "
                               f"{_article(user.role.label)} {user.role.label.lower()}",
                               field="user_id")
    if not user.active:
        raise ValidationFailed(f"Choose an active investigator: user {user.id} is "
                               "deactivated", field="user_id")
    if case.assignee_id == user.id:
        return
    record_event(session, actor, "case.assigned", case, case_id=case.id,
                 from_user_id=case.assignee_id, to_user_id=user.id)
    case.assignee = user
    session.flush()


def _article(word: str) -> str:
    return "an" if word[0].lower() in "aeiou" else "a"
