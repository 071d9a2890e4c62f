import pytest
from sqlalchemy import select

from casework.cases import create_case
from casework.drafting import (
    add_complaint_point,
    confirm_point_themes,
    load_themes,
    remove_complaint_point,
)
from casework.errors import ValidationFailed
from storage.models import ComplaintPointTheme


def test_confirming_keeps_exactly_the_chosen_themes_and_removing_the_point_removes_them(db):
    case = create_case(db, None, "Mrs A Example", "A Trust")
    point = add_complaint_point(db, case, None, "Nobody called me back.")
    themes = load_themes()
    assert confirm_point_themes(db, point, None, ["delay", "communication", "delay"],
                                themes) == ["communication", "delay"]
    [kept, _] = point.themes
    assert confirm_point_themes(db, point, None, ["communication"], themes) == ["communication"]
    # A theme confirmed again keeps when it was first confirmed.
    assert point.themes == [kept]
    with pytest.raises(ValidationFailed, match="There is no theme 'weather'"):
        confirm_point_themes(db, point, None, ["weather"], themes)
    remove_complaint_point(db, point, None)
    db.expire_all()
    assert db.scalars(select(ComplaintPointTheme)).all() == []
