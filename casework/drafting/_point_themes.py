"""The themes an investigator confirms for a complaint point, from the taxonomy's."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from casework.audit import record_event
from casework.drafting._themes import Themes
from casework.errors import ValidationFailed
from storage.models import ComplaintPoint, ComplaintPointTheme, User


def confirm_point_themes(session: Session, point: ComplaintPoint, actor: User | None,
                         slugs: Iterable[str], themes: Themes) -> list[str]:
    """Make the point's themes exactly `slugs`, each one of the taxonomy's; the caller
    commits. The confirmed themes, sorted, are returned.

    Allowed at every stage: a theme groups the case for learning and changes nothing in the
    decision, and closed cases are themed too.
    """
    chosen = sorted(set(slugs))
    unknown = [slug for slug in chosen if themes.get(slug) is None]
    if unknown:
        raise ValidationFailed(f"There is no theme {unknown[0]!r}: choose from the list",
                               field="themes")
    kept = {row.theme: row for row in point.themes if row.theme in chosen}
    point.themes[:] = [kept.get(slug) or ComplaintPointTheme(
        theme=slug, case_id=point.case_id, confirmed_by_id=actor.id if actor else None)
        for slug in chosen]
    session.flush()
    record_event(session, actor, "complaint_point.themes_confirmed", point,
                 case_id=point.case_id, number=point.number, themes=chosen)
    return chosen
