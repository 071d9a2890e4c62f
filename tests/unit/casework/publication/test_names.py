"""The one finder of names written after a title, shared by the pipeline and publication."""

from casework.publication import find_titled_names


def names(text):
    return [(found.title, found.name, text[found.start:found.end]) for found in
            find_titled_names(text)]


def test_names_after_titles_with_initials_and_irish_and_scottish_forms():
    text = "Seen by Dr J. O'Brien, then Mrs Ada McDonald-Smith and Prof. Chen."
    assert names(text) == [("Dr", "J. O'Brien", "J. O'Brien"),
                           ("Mrs", "Ada McDonald-Smith", "Ada McDonald-Smith"),
                           ("Prof.", "Chen", "Chen")]


def test_a_name_never_runs_on_to_the_next_line():
    # The two finders disagreed: publication's took "Patel The" across the line break.
    assert names("Dr Patel\nThe trust replied.") == [("Dr", "Patel", "Patel")]


def test_a_place_named_like_a_person_is_no_person_but_a_lower_case_word_changes_nothing():
    assert names("Lady Margaret Hospital, Dr Gray's Hospital and Lord Street") == []
    # "home" ends many a place's name, but "Dr Patel home visit" names Dr Patel.
    assert names("Dr Patel home visit, Mr Smith service user") == [
        ("Dr", "Patel", "Patel"), ("Mr", "Smith", "Smith")]
