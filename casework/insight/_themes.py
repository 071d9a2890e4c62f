"""The themes complaint points carry, as the figures read them: the slugs investigators
confirmed (casework.drafting's taxonomy), point by point."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models import ComplaintPointTheme


def themes_of_points(session: Session, point_ids: Collection[int]) -> dict[int, tuple[str, ...]]:
    """The confirmed themes of each of the complaint points (by id) that has any."""
    if not point_ids:
        return {}
    found: dict[int, list[str]] = defaultdict(list)
    for point_id, theme in session.execute(
            select(ComplaintPointTheme.complaint_point_id, ComplaintPointTheme.theme)
            .where(ComplaintPointTheme.complaint_point_id.in_(set(point_ids)))
            .order_by(ComplaintPointTheme.theme)):
        found[point_id].append(theme)
    return {point_id: tuple(themes) for point_id, themes in found.items()}
