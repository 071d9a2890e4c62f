"""Every stored enum has its words beside it: a label for each member, and no two alike."""

import inspect

import pytest

import vocabulary
from vocabulary import Labelled

ENUMS = [value for _, value in inspect.getmembers(vocabulary, inspect.isclass)
         if issubclass(value, Labelled) and value is not Labelled]


def test_the_door_lists_every_enum():
    assert len(ENUMS) == len(vocabulary.__all__) - 1  # all but the Labelled base


@pytest.mark.parametrize("enum", ENUMS, ids=lambda enum: enum.__name__)
def test_every_member_has_a_label_of_its_own(enum):
    labels = [member.label for member in enum]
    assert all(label and label.strip() == label for label in labels)
    assert len(set(labels)) == len(labels)
    assert enum.values() == [member.value for member in enum]
    # A stored value reads back as its member.
    assert all(enum(member.value) is member for member in enum)
