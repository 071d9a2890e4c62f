"""The themes complaint points carry: the seam where the themes taxonomy joins the figures.

Until complaint points carry themes, no point has one: the figures by theme say they are not
available, and a theme filter is refused rather than quietly ignored. The taxonomy fills in
the two names below and the figures by theme follow.
"""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy.orm import Session

THEMES_RECORDED = False


def themes_of_points(session: Session, point_ids: Collection[int]) -> dict[int, tuple[str, ...]]:
    """The themes of each of the complaint points (by id) that has any."""
    return {}
