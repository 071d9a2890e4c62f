"""Publication: the people named in a case and their labels, identifiers (shared with the
worker), anonymisation, the investigator's review of the map, the leak check, the published
version.

The room's door: web, worker and commands import from here, never from its private modules.
"""

from casework.names import (
    ORGANISATION_WORDS,
    STREET_WORDS,
    TITLE_PATTERN,
    TITLE_WORDS,
    TitledName,
    find_titled_names,
    looks_like_organisation,
    normalise_person,
    place_word_after,
)
from casework.publication._anonymise import (
    anonymise_context,
    anonymise_text,
    build_map,
)
from casework.publication._casework import (
    PublishedFilter,
    draft_summary,
    get_published,
    publication_of,
    publication_themes,
    publish_decision,
    published_casework,
    published_organisations,
    withdraw_publication,
)
from casework.publication._file_facts import FileFacts, facts_of_file
from casework.publication._identifiers import (
    ENTITY_LABELS,
    Identifier,
    WrittenIdentifier,
    find_written_identifiers,
    identifiers_of_case,
    is_valid_nhs_number,
)
from casework.publication._labels import check_labels, person_kind, proposed_people
from casework.publication._leak_check import (
    Leak,
    LeakFound,
    check_publishable,
    docx_text,
    find_leaks,
)
from casework.publication._people import Person, PersonMention
from casework.publication._proposal import map_for_case, titled_mentions
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
    "PublishedFilter",
    "draft_summary",
    "get_published",
    "publication_of",
    "publication_themes",
    "publish_decision",
    "published_casework",
    "published_organisations",
    "withdraw_publication",
    "ENTITY_LABELS",
    "FileFacts",
    "STREET_WORDS",
    "TITLE_PATTERN",
    "TITLE_WORDS",
    "Identifier",
    "Leak",
    "LeakFound",
    "NotApproved",
    "NotPublishable",
    "ORGANISATION_WORDS",
    "Person",
    "PersonEdit",
    "PersonMention",
    "ReviewedMap",
    "TitledName",
    "WrittenIdentifier",
    "add_missed_person",
    "anonymise_context",
    "anonymise_text",
    "approve_review",
    "build_map",
    "check_labels",
    "check_publishable",
    "docx_text",
    "facts_of_file",
    "find_leaks",
    "find_titled_names",
    "find_written_identifiers",
    "identifiers_of_case",
    "is_valid_nhs_number",
    "looks_like_organisation",
    "map_for_case",
    "normalise_person",
    "person_kind",
    "place_word_after",
    "proposed_people",
    "publication_document",
    "publication_filename",
    "reviewed_map",
    "save_review",
    "titled_mentions",
]
