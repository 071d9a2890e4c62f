"""Labels: one way of choosing them, for the first proposal and for everyone after it."""

from casework.publication import PersonMention, check_labels, proposed_people
from vocabulary import PersonKind


def test_an_adult_whose_title_nobody_wrote_is_not_labelled_like_a_child():
    people = proposed_people([PersonMention("Mrs Ada Lovelace"), PersonMention("Jane Brown"),
                              PersonMention("Tom Lovelace", kind=PersonKind.CHILD)])
    assert [(p.label, p.kind) for p in people] == [
        ("Mrs B", PersonKind.ADULT), ("Mx C", PersonKind.ADULT), ("D", PersonKind.CHILD)]
    check_labels(people)


def test_a_kind_comes_from_what_was_said_and_is_kept_with_the_person():
    (adviser,) = proposed_people([PersonMention("Dr Mary Somerville",
                                                kind=PersonKind.ADVISER)])
    assert (adviser.label, adviser.kind) == ("the clinical adviser", PersonKind.ADVISER)
