"""Publication: the people named in a case and their labels, identifiers (shared with the
worker), anonymisation, the investigator's review of the map, the leak check, the published
version.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.publication._anonymise import (
    anonymise_context,
    anonymise_text,
    build_map,
    map_for_case,
    titled_names,
)
from casework.publication._identifiers import Identifier, identifiers_of_case, is_valid_nhs_number
from casework.publication._labels import ReviewedPerson, check_labels, person_kind
from casework.publication._leak_check import (
    Leak,
    LeakFound,
    check_publishable,
    docx_text,
    find_leaks,
)
from casework.publication._people import (
    TITLE_PATTERN,
    TITLES,
    PersonMention,
    Pseudonym,
    build_pseudonyms,
)
from casework.publication._published import (
    NotPublishable,
    publication_document,
    publication_filename,
)
from casework.publication._review import (
    NotApproved,
    PersonEdit,
    ReviewedMap,
    add_missed_person,
    approve_review,
    reviewed_map,
    save_review,
)

__all__ = [
    "Identifier",
    "Leak",
    "LeakFound",
    "NotApproved",
    "NotPublishable",
    "PersonEdit",
    "PersonMention",
    "Pseudonym",
    "ReviewedMap",
    "ReviewedPerson",
    "TITLES",
    "TITLE_PATTERN",
    "add_missed_person",
    "anonymise_context",
    "anonymise_text",
    "approve_review",
    "build_map",
    "build_pseudonyms",
    "check_labels",
    "check_publishable",
    "docx_text",
    "find_leaks",
    "identifiers_of_case",
    "is_valid_nhs_number",
    "map_for_case",
    "person_kind",
    "publication_document",
    "publication_filename",
    "reviewed_map",
    "save_review",
    "titled_names",
]
