import pytest

from benchmarks.theme_scores import DEVELOPMENT, HELD_OUT, load_points, score_points
from casework.drafting import load_themes, suggest_themes_for_text
from wiring import ConfigError, load_settings


def test_the_default_themes_cover_health_and_public_service_complaints():
    themes = load_themes()
    assert {"communication", "complaint-handling", "diagnosis", "treatment-and-care",
            "discharge", "medication", "record-keeping", "delay", "staff-attitude",
            "benefits-and-payments"} <= set(themes.slugs)
    assert len(themes.slugs) >= 15
    assert all(theme.description and theme.cues for theme in themes)


def test_another_themes_file_is_configuration_and_a_bad_one_is_refused(tmp_path):
    path = tmp_path / "themes.toml"
    path.write_text('name = "Ours"\n[[themes]]\nslug = "fees"\nname = "Fees"\n'
                    'description = "Charges"\ncues = ["fee*"]\n')
    settings = load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_THEMES": str(path)})
    assert settings.themes.slugs == ("fees",)
    path.write_text('name = "Ours"\n[[themes]]\nslug = "Fees and Charges"\nname = "Fees"\n'
                    'description = "Charges"\n')
    with pytest.raises(ConfigError, match="CASEWORK_THEMES: the theme slug 'Fees and Charges'"):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_THEMES": str(path)})
    path.write_text('name = "Ours"\n[[themes]]\nslug = "fees"\n')
    with pytest.raises(ConfigError, match="lack or misstate 'name'"):
        load_settings({"CASEWORK_DATA_DIR": str(tmp_path), "CASEWORK_THEMES": str(path)})


def test_a_suggestion_says_which_words_made_it():
    [first, *_] = suggest_themes_for_text(load_themes(), [
        "My father was discharged at night and sent home without a care package."])
    assert first.theme.slug == "discharge"
    assert first.found == ("discharged", "sent home", "care package")


def test_a_weak_cue_alone_suggests_nothing():
    suggested = suggest_themes_for_text(load_themes(), ["We read the policy."])
    assert "policy-and-decision-making" not in [s.theme.slug for s in suggested]


@pytest.mark.parametrize(("path", "floor"), [(DEVELOPMENT, 0.9), (HELD_OUT, 0.75)],
                         ids=lambda value: getattr(value, "name", value))
def test_suggestions_keep_their_precision_and_recall_on_the_labelled_points(path, floor):
    score = score_points(load_points(path))
    assert score.themes.precision >= floor and score.themes.recall >= floor - 0.05, score
    assert score.top_1 >= floor, score


def test_the_labelled_points_name_only_known_themes_and_share_none():
    slugs = set(load_themes().slugs)
    development, held_out = load_points(DEVELOPMENT), load_points(HELD_OUT)
    assert all(point.themes <= slugs and point.themes for point in development + held_out)
    assert not {p.text for p in development} & {p.text for p in held_out}
