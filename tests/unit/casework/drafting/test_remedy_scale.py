from datetime import date

import pytest

from casework.drafting import load_scale
from wiring import ConfigError, load_settings


def test_the_default_scale_is_the_published_welsh_one():
    scale = load_scale()
    assert "Public Services Ombudsman for Wales" in scale.name
    assert [(level.level, level.min_pence, level.max_pence) for level in scale.levels] == [
        (1, 5000, 45000), (2, 50000, 95000), (3, 100000, 195000)]
    assert scale.level(2).band == "£500.00 to £950.00"
    assert scale.level(2).contains(95000) and not scale.level(2).contains(96000)


def test_deadlines_by_kind_with_short_months():
    scale = load_scale()
    assert scale.default_due_date("apology", date(2026, 1, 31)) == date(2026, 2, 28)
    assert scale.default_due_date("service_improvement", date(2026, 11, 30)) == date(2027, 2, 28)


def test_another_scale_is_configuration(tmp_path):
    path = tmp_path / "scale.toml"
    path.write_text('name = "Our scale"\n[[levels]]\nlevel = 1\ndescription = "Low"\n'
                    'min_pence = 100\nmax_pence = 200\n[deadline_months]\napology = 2\n'
                    'explanation = 2\npayment = 2\nservice_improvement = 6\n')
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path),
                              "CASEWORK_REMEDY_SCALE": str(path)})
    assert settings.remedy_scale.name == "Our scale"
    path.write_text('name = "Broken"\n[[levels]]\nlevel = 1\n')
    with pytest.raises(ConfigError, match="CASEWORK_REMEDY_SCALE"):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_REMEDY_SCALE": str(path)})
